using System.Collections;
using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using StatusBot.Announcing;
using StatusBot.Discord;
using StatusBot.Monitoring;
using StatusBot.Slack.Configuration;
using StatusBot.Storage;

namespace StatusBot.Host.Configuration;

/// <summary>
/// The keys the <c>StatusBot</c> section may hold, read off the options types that bind it (their public settable
/// properties, list items and dictionary values), so a misspelt key is an error naming the nearest known key instead of
/// a setting that silently does nothing.
/// </summary>
public sealed class ConfigurationSchema
{
    /// <summary>Every options type bound from the <c>StatusBot</c> section, with the section it is bound from.</summary>
    private static readonly (string Section, Type Type)[] Bound =
    [
        (StatusBotOptions.Section, typeof(StatusBotOptions)),
        (MonitoringOptions.Section, typeof(MonitoringOptions)),
        (StorageOptions.Section, typeof(StorageOptions)),
        (AnnouncementOptions.Section, typeof(AnnouncementOptions)),
        (FollowOptions.Section, typeof(FollowOptions)),
        (StatusBot.Announcing.Publishing.PublishingOptions.Section, typeof(StatusBot.Announcing.Publishing.PublishingOptions)),
        (SlackOptions.Section, typeof(SlackOptions)),
        (DiscordOptions.Section, typeof(DiscordOptions)),
    ];

    private static readonly Lazy<Node> Root = new(Build);

    /// <summary>One error per key under <c>StatusBot</c> that no options type binds, naming where it came from.</summary>
    public static IReadOnlyList<string> UnknownKeys(IConfiguration configuration)
    {
        var errors = new List<string>();
        Walk(Root.Value, configuration.GetSection(StatusBotOptions.Section), configuration as IConfigurationRoot, errors);
        return errors;
    }

    private static void Walk(Node node, IConfigurationSection section, IConfigurationRoot? root, List<string> errors)
    {
        foreach (var child in section.GetChildren())
        {
            var known = node.Items ?? node.Values ?? node.Properties.GetValueOrDefault(child.Key);
            if (known is null)
            {
                errors.Add(Describe(node, child, root));
                continue;
            }

            Walk(known, child, root, errors);
        }
    }

    private static string Describe(Node parent, IConfigurationSection unknown, IConfigurationRoot? root)
    {
        var message = $"{unknown.Path} is not a setting";
        if (Nearest(unknown.Key, parent.Properties.Keys) is { } nearest)
        {
            message += $"; did you mean {nearest}?";
        }
        else if (parent.Properties.Count > 0)
        {
            message += $"; the settings here are {string.Join(", ", parent.Properties.Keys.Order(StringComparer.Ordinal))}.";
        }
        else
        {
            message += $": {unknown.Path[..unknown.Path.LastIndexOf(':')]} is a value, not a section.";
        }

        return Source(unknown.Path, root) is { } source ? $"{message} (from {source})" : message;
    }

    /// <summary>The known key closest to the misspelt one, when it is close enough to be the one meant.</summary>
    internal static string? Nearest(string key, IEnumerable<string> known) =>
        StatusBot.Core.Commands.Suggestions.Nearest(key, known, Math.Max(2, key.Length / 3));

    /// <summary>The file or environment variable that set the key (the last source that has it wins, as when binding).</summary>
    private static string? Source(string path, IConfigurationRoot? root)
    {
        foreach (var provider in root?.Providers.Reverse() ?? [])
        {
            if (!provider.TryGet(path, out _) && !provider.GetChildKeys([], path).Any())
            {
                continue;
            }

            return provider switch
            {
                EnvironmentVariablesConfigurationProvider => $"environment variable {path.Replace(":", "__", StringComparison.Ordinal)}",
                JsonConfigurationProvider { Source: { Path: { } file, FileProvider: PhysicalFileProvider files } } => Path.Combine(files.Root, file),
                _ => null,
            };
        }

        return null;
    }

    private static Node Build()
    {
        var root = new Node();
        foreach (var (section, type) in Bound)
        {
            var node = root;
            foreach (var part in section.Split(':').Skip(1))
            {
                node = node.Property(part);
            }

            node.Merge(type, []);
        }

        return root;
    }

    /// <summary>A section: its named properties, or (for a list) its items, or (for a dictionary) its values.</summary>
    private sealed class Node
    {
        public Dictionary<string, Node> Properties { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Node? Items { get; private set; }

        public Node? Values { get; private set; }

        public Node Property(string name)
        {
            if (!Properties.TryGetValue(name, out var node))
            {
                node = new Node();
                Properties[name] = node;
            }

            return node;
        }

        public void Merge(Type type, HashSet<Type> seen)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (IsValue(type) || !seen.Add(type))
            {
                return;
            }

            if (Dictionary(type) is { } valueType)
            {
                (Values ??= new Node()).Merge(valueType, seen);
            }
            else if (Element(type) is { } elementType)
            {
                (Items ??= new Node()).Merge(elementType, seen);
            }
            else
            {
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (property.GetIndexParameters().Length == 0 && IsBound(property))
                    {
                        Property(property.Name).Merge(property.PropertyType, seen);
                    }
                }
            }

            seen.Remove(type);
        }

        /// <summary>What the configuration binder fills: settable properties, and get-only ones it can fill in place.</summary>
        private static bool IsBound(PropertyInfo property)
        {
            if (property.SetMethod is { IsPublic: true })
            {
                return true;
            }

            var type = property.PropertyType;
            return property.GetMethod is { IsPublic: true } && !IsValue(type) && !type.IsInterface && !type.IsAbstract;
        }

        private static bool IsValue(Type type) =>
            type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(object)
            || TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string));

        private static Type? Dictionary(Type type) =>
            type.GetInterfaces().Append(type)
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>))?
                .GetGenericArguments()[1];

        private static Type? Element(Type type) =>
            type.IsArray ? type.GetElementType()
            : typeof(IEnumerable).IsAssignableFrom(type)
                ? type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
                : null;
    }
}
