using System;
using Microsoft.CodeAnalysis;

namespace GroundStation.NanoGuard
{
    /// <summary>Which files are device sources: all of them, or only those under the configured root folders.</summary>
    internal sealed class DeviceScope
    {
        private readonly string[] roots;

        private DeviceScope(string[] roots)
        {
            this.roots = roots;
        }

        public bool IsWholeCompilation => roots.Length == 0;

        public static DeviceScope Parse(string value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return new DeviceScope(new string[0]);
            }

            var parts = value.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries);
            var list = new System.Collections.Generic.List<string>();
            foreach (var part in parts)
            {
                var root = Normalize(part.Trim());
                if (root.Length == 0)
                {
                    continue;
                }

                list.Add(root.EndsWith("/", StringComparison.Ordinal) ? root : root + "/");
            }

            return new DeviceScope(list.ToArray());
        }

        public bool Covers(SyntaxTree tree)
        {
            return tree != null && Covers(tree.FilePath);
        }

        public bool Covers(string path)
        {
            if (roots.Length == 0)
            {
                return true;
            }

            var normalized = Normalize(path ?? string.Empty);
            foreach (var root in roots)
            {
                if (normalized.StartsWith(root, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        private static string Normalize(string path)
        {
            return path.Replace('\\', '/');
        }
    }
}
