namespace GroundStation.InterpreterScenarios
{
    /// <summary>
    /// Every detector event scored against the stream's truth: a signal click given a slot other than the slot it
    /// came from is misassigned; a background click given a slot is counted apart (it carries no slot).
    /// </summary>
    public sealed class TimingTruth
    {
        public long SignalSeen;

        public long SignalAssigned;

        public long SignalMisassigned;

        /// <summary>Signal clicks dropped while the engine was Locked (outside the coincidence window).</summary>
        public long SignalDroppedWhileLocked;

        public long BackgroundSeen;

        public long BackgroundAssigned;

        /// <summary>Beacon-channel events of the stream (beacon pulses and background).</summary>
        public long BeaconChannelEvents;

        public void Score(PassEvent e, bool assigned, long slot, bool locked)
        {
            if (e.Channel == 4)
            {
                BeaconChannelEvents++;
                return;
            }

            if (e.Kind == PassEvent.KindBackground)
            {
                BackgroundSeen++;
                if (assigned)
                {
                    BackgroundAssigned++;
                }

                return;
            }

            SignalSeen++;
            if (!assigned)
            {
                if (locked)
                {
                    SignalDroppedWhileLocked++;
                }

                return;
            }

            SignalAssigned++;
            if (slot != e.TruthSlot)
            {
                SignalMisassigned++;
            }
        }
    }
}
