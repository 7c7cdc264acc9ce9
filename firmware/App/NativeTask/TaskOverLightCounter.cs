using GroundStation.Firmware.Drivers.Spcm;

namespace GroundStation.Firmware.App.NativeTask
{
    /// <summary>
    /// The over-light windows when the acquisition task counts them (gs_overlight inside gs_pipeline): the task pulls
    /// a crossing detector's gate low itself and reports it; this counter hands each reported detector to
    /// <see cref="SpcmController"/> as a crossing, so the controller latches it, gates it off and raises Faulted
    /// (SafeState OverLight) exactly as for a crossing it counted itself. Limits the controller passes that differ from
    /// what the task has go to the task (NativeAcquisition.SetOverLight); a detector switched on clears the task's latch.
    /// </summary>
    public sealed class TaskOverLightCounter : IOverLightCounter
    {
        private readonly INativeAcquisition _native;
        private readonly long _windowPs;
        private readonly int[] _sentLimits;
        private int _pending;

        public TaskOverLightCounter(INativeAcquisition native, int detectors, long windowPicoseconds)
        {
            _native = native;
            _windowPs = windowPicoseconds;
            _sentLimits = new int[detectors];
        }

        public long WindowPicoseconds
        {
            get { return _windowPs; }
        }

        /// <summary>The limits given to the task by Configure.</summary>
        public void Configured(int[] limits)
        {
            System.Array.Copy(limits, _sentLimits, _sentLimits.Length);
        }

        /// <summary>Detectors the task reported as tripped (a notice, or its latched mask), to be latched at the next <see cref="Add"/>.</summary>
        public void Report(int detectorMask)
        {
            _pending |= detectorMask;
        }

        public void Clear(int channel)
        {
            _native.SetOverLight(channel, _sentLimits[channel], true);
        }

        /// <summary>The task does not report its windows' counts.</summary>
        public int Count(int channel)
        {
            return 0;
        }

        public bool Add(long[] timestampsPicoseconds, byte[] channels, int from, int end, int[] limits, int latchedMask, int[] progress)
        {
            if (progress[0] == 0)
            {
                SendChangedLimits(limits);
            }

            for (int c = progress[0]; c < _sentLimits.Length; c++)
            {
                int bit = 1 << c;
                if ((_pending & bit) == 0)
                {
                    continue;
                }

                _pending &= ~bit;
                if ((latchedMask & bit) == 0)
                {
                    progress[0] = c;
                    progress[1] = from;
                    return true;
                }
            }

            return false;
        }

        private void SendChangedLimits(int[] limits)
        {
            for (int c = 0; c < _sentLimits.Length; c++)
            {
                if (limits[c] != _sentLimits[c] && limits[c] >= 1)
                {
                    _native.SetOverLight(c, limits[c], false);
                    _sentLimits[c] = limits[c];
                }
            }
        }
    }
}
