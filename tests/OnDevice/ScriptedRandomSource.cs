using System;
using GroundStation.Hal;

namespace GroundStation.OnDeviceTests
{
    /// <summary>
    /// A deterministic <see cref="IRandomSource"/> that returns a fixed list of values in order, so a test knows what
    /// every random choice (squashing a multi-click, sampling) comes out as. Asking for more values than scripted
    /// throws: a test also learns how many draws the code under test made.
    /// </summary>
    public sealed class ScriptedRandomSource : IRandomSource
    {
        private readonly uint[] _values;

        public ScriptedRandomSource(uint[] values)
        {
            _values = values;
        }

        /// <summary>Values handed out so far.</summary>
        public int Draws { get; private set; }

        public uint NextUInt32()
        {
            if (Draws >= _values.Length)
            {
                throw new InvalidOperationException("ScriptedRandomSource: draw " + (Draws + 1) + " not scripted (" + _values.Length + " values)");
            }

            return _values[Draws++];
        }
    }
}
