using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusBot.Core.Announcing;
using StatusBot.Core.Board;
using StatusBot.Storage.Deliveries;
using StatusBot.Storage.Files;
using StatusBot.Storage.Journal;

namespace StatusBot.Storage;

/// <summary>
/// Registers the file store (journal + snapshots in <c>StatusBot:Storage:DataDirectory</c>) as the board's store, and its
/// delivery ledger (<c>deliveries.log</c> in the same directory).
/// </summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Replaces the in-memory store with the file store, locks the data directory for this process, and adds the
    /// periodic snapshot service. Options are validated at start.
    /// </summary>
    public static IServiceCollection AddStatusBotStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.TryAddSingleton<IFileSystem, PhysicalFileSystem>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new FileEventStore(
                sp.GetRequiredService<IFileSystem>(),
                options.FullDataDirectory,
                options.JournalSegmentBytes,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<FileEventStore>>(),
                lockDirectory: true);
        });
        services.Replace(ServiceDescriptor.Singleton<IEventStore>(sp => sp.GetRequiredService<FileEventStore>()));
        services.AddSingleton(sp => new FileDeliveryLedger(
            sp.GetRequiredService<IFileSystem>(),
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.FullDataDirectory,
            sp.GetRequiredService<ILogger<FileDeliveryLedger>>()));
        services.Replace(ServiceDescriptor.Singleton<IDeliveryLedger>(sp => sp.GetRequiredService<FileDeliveryLedger>()));
        services.AddSingleton<IAliveMark>(sp => new FileAliveMark(sp.GetRequiredService<IOptions<StorageOptions>>().Value.FullDataDirectory));
        services.AddSingleton<SnapshotService>();
        services.AddHostedService(sp => sp.GetRequiredService<SnapshotService>());
        return services;
    }
}
