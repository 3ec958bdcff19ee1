using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusBot.Core.Announcing;
using StatusBot.Core.Board;

namespace StatusBot.Storage.Postgres;

/// <summary>Registers the PostgreSQL store (<c>StatusBot:Storage:Provider = postgres</c>) for an instance of a cluster.</summary>
public static class PostgresStorageServiceCollectionExtensions
{
    /// <summary>
    /// Makes the database at <c>StatusBot:Storage:ConnectionString</c> the board's store and adds what sharing it needs:
    /// leadership (advisory lock), the delivery ledger, the replay ledger, the alive mark, the store status, the event follower and the
    /// leader's snapshots. The schema is migrated by the first use (the board's recovery at start). Options are validated
    /// at start.
    /// </summary>
    public static IServiceCollection AddStatusBotPostgresStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new PostgresTimings());
        services.TryAddSingleton(sp => PostgresConnections.CreateDataSource(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString ?? "",
            sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<PostgresSchema>();
        services.TryAddSingleton(sp => new PostgresStoreStatus(sp.GetRequiredService<IOptions<StorageOptions>>().Value.EffectiveInstanceId));
        services.TryAddSingleton<PostgresEventStore>();
        services.TryAddSingleton<PostgresLeadership>();
        services.TryAddSingleton<EventFollower>();
        services.TryAddSingleton<PostgresSnapshotService>();

        services.Replace(ServiceDescriptor.Singleton<ISharedStoreStatus>(sp => sp.GetRequiredService<PostgresStoreStatus>()));
        services.Replace(ServiceDescriptor.Singleton<IEventStore>(sp => sp.GetRequiredService<PostgresEventStore>()));
        services.Replace(ServiceDescriptor.Singleton<ISharedEventStore>(sp => sp.GetRequiredService<PostgresEventStore>()));
        services.Replace(ServiceDescriptor.Singleton<ILeadership>(sp => sp.GetRequiredService<PostgresLeadership>()));
        services.Replace(ServiceDescriptor.Singleton<IDeliveryLedger, PostgresDeliveryLedger>());
        services.Replace(ServiceDescriptor.Singleton<IAliveMark, PostgresAliveMark>());
        services.Replace(ServiceDescriptor.Singleton<IReplayLedger, PostgresReplayLedger>());

        services.AddHostedService(sp => sp.GetRequiredService<PostgresLeadership>());
        services.AddHostedService(sp => sp.GetRequiredService<EventFollower>());
        services.AddHostedService(sp => sp.GetRequiredService<PostgresSnapshotService>());
        return services;
    }
}
