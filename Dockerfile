# syntax=docker/dockerfile:1
# Build: docker build -t statusbot .    Run: docker run -p 8080:8080 -v statusbot-data:/data statusbot
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
COPY config/ config/
RUN dotnet publish src/StatusBot.Host/StatusBot.Host.csproj -c Release -o /app --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The journal and snapshots live in /data; the image's own user (app, uid 1654) owns it.
RUN mkdir -p /data && chown app:app /data
USER app
VOLUME ["/data"]
# Workstation GC, with a fixed 16 MiB gen0 budget (hex) rather than one sized from the CPU cache the host reports,
# which on some VMs deferred the first collection into an outage crowd as one ~40 ms full pause (docs/PERFORMANCE.md).
ENV StatusBot__Storage__DataDirectory=/data \
    ASPNETCORE_URLS=http://+:8080 \
    DOTNET_gcServer=0 \
    DOTNET_GCgen0size=1000000
EXPOSE 8080
# serve listens on ASPNETCORE_URLS and healthcheck calls /healthz there: change the port with -e ASPNETCORE_URLS=http://+:9090
# (and -p 9090:9090), and the health check follows it.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
    CMD ["dotnet", "statusbot.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "statusbot.dll"]
CMD ["serve"]
