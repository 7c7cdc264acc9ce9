namespace GroundStation.Firmware.App
{
    /// <summary>
    /// The one place that decides whether detectors may count. Any fault sets a reason bit and gates every detector
    /// off at once; the bit stays until an operator clears it (DET:CLEAR or the host's equivalent), so the firmware
    /// never re-enables light on its own. Enabling is refused while any reason other than AwaitingEnable holds.
    /// Detectors are switched through the detector controller (<see cref="DetectorSwitch"/>), which owns the gate
    /// lines and refuses a channel whose over-light latch is set.
    /// </summary>
    public sealed class SafeState
    {
        private readonly DetectorSwitch _switch;
        private readonly bool[] _on;
        private int _reasons;
        private string _lastMessage = "";

        public SafeState(int detectorCount, DetectorSwitch detectorSwitch)
        {
            _switch = detectorSwitch;
            _on = new bool[detectorCount];
            Enter(SafeStateReason.AwaitingEnable, "detectors are gated off until enabled");
        }

        /// <summary>The set of <see cref="SafeStateReason"/> bits now holding.</summary>
        public int Reasons
        {
            get { return _reasons; }
        }

        /// <summary>True when nothing but a missing enable keeps the detectors off.</summary>
        public bool IsFaultFree
        {
            get { return (_reasons & ~(int)SafeStateReason.AwaitingEnable) == 0; }
        }

        /// <summary>Human-readable reason for the most recent transition into the safe state.</summary>
        public string LastMessage
        {
            get { return _lastMessage; }
        }

        public bool Holds(SafeStateReason reason)
        {
            return (_reasons & (int)reason) != 0;
        }

        /// <summary>Records a fault and gates every detector off immediately.</summary>
        public void Enter(SafeStateReason reason, string message)
        {
            _reasons |= (int)reason;
            _lastMessage = message;
            for (int i = 0; i < _on.Length; i++)
            {
                _switch(i, false);
                _on[i] = false;
            }
        }

        /// <summary>Operator action: clears one reason. Detectors stay off until enabled again.</summary>
        public void Clear(SafeStateReason reason)
        {
            _reasons &= ~(int)reason;
            if (_reasons == 0)
            {
                _reasons = (int)SafeStateReason.AwaitingEnable;
            }
        }

        /// <summary>
        /// Operator action: turns one detector on or off. Turning on is refused (returns false) while a fault holds
        /// or the channel's own latch is set; the caller reports which.
        /// </summary>
        public bool SetGate(int channel, bool on)
        {
            if (on && !IsFaultFree)
            {
                return false;
            }

            if (!_switch(channel, on))
            {
                return false;
            }

            _on[channel] = on;
            bool any = false;
            for (int i = 0; i < _on.Length; i++)
            {
                any |= _on[i];
            }

            if (any)
            {
                _reasons &= ~(int)SafeStateReason.AwaitingEnable;
            }
            else
            {
                _reasons |= (int)SafeStateReason.AwaitingEnable;
            }

            return true;
        }

        /// <summary>True when the operator switched this detector on and no fault has switched it off since.</summary>
        public bool IsOn(int channel)
        {
            return _on[channel];
        }
    }
}
