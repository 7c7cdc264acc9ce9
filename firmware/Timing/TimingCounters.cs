namespace GroundStation.Firmware.Timing
{
    /// <summary>
    /// Running totals of the timing engine, reported in telemetry. Every detector event ends in exactly one of
    /// Assigned or a Dropped* counter, so Assigned + all Dropped* = DetectionsSeen.
    /// </summary>
    public class TimingCounters
    {
        /// <summary>Detector-channel events seen (beacon channel excluded).</summary>
        public long DetectionsSeen;

        /// <summary>Detections given a slot.</summary>
        public long Assigned;

        /// <summary>Detections while not Locked (searching, acquiring, holdover): no valid model to assign them on.</summary>
        public long DroppedUnlocked;

        /// <summary>Detections further than the coincidence window from the nearest slot centre.</summary>
        public long DroppedOutsideWindow;

        /// <summary>Events on a channel that is neither a detector nor the beacon.</summary>
        public long DroppedUnknownChannel;

        /// <summary>Detections that did not fit in the caller's output arrays.</summary>
        public long DroppedOutputFull;

        /// <summary>Beacon-channel events seen.</summary>
        public long BeaconEvents;

        /// <summary>Beacon events inside the gate that updated the model.</summary>
        public long BeaconsAccepted;

        /// <summary>Beacon events outside the gate while tracking (background, afterpulses).</summary>
        public long BeaconsRejected;

        /// <summary>Transitions into Locked (first lock and every re-lock).</summary>
        public long Locks;

        /// <summary>Transitions Locked -> Holdover.</summary>
        public long LossesOfLock;

        /// <summary>Holdover ended by a returning beacon (fast re-lock).</summary>
        public long HoldoverRecoveries;

        /// <summary>Acquisitions abandoned (fold or acquiring timeout, holdover expired) and restarted from Searching.</summary>
        public long AcquisitionRestarts;

        /// <summary>Times the absolute beacon index was fixed (by a prediction) after lock, renumbering the slots.</summary>
        public long IndexResolutions;

        public void Clear()
        {
            DetectionsSeen = 0;
            Assigned = 0;
            DroppedUnlocked = 0;
            DroppedOutsideWindow = 0;
            DroppedUnknownChannel = 0;
            DroppedOutputFull = 0;
            BeaconEvents = 0;
            BeaconsAccepted = 0;
            BeaconsRejected = 0;
            Locks = 0;
            LossesOfLock = 0;
            HoldoverRecoveries = 0;
            AcquisitionRestarts = 0;
            IndexResolutions = 0;
        }
    }
}
