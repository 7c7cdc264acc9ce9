using GroundStation.Hal;

namespace GroundStation.Firmware.App
{
    /// <summary>
    /// The one place that decides whether detectors may count. Any fault sets a reason bit and gates every detector
    /// off at once; the bit stays until an operator clears it (DET:CLEAR or the host's equivalent), so the firmware
    /// never re-enables light on its own. Enabling is refused while any reason other than AwaitingEnable holds.
    /// </summary>
    public sealed class SafeState
    {
        private readonly IDigitalOutput[] _gates;
        private readonly bool[] _requestedOn;
        private int _reasons;
        private string _lastMessage = "";

        public SafeState(IDigitalOutput[] gates)
        {
            _gates = gates;
            _requestedOn = new bool[gates.Length];
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
            for (int i = 0; i < _gates.Length; i++)
            {
                _gates[i].Write(false);
            }
        }

        /// <summary>Operator action: clears one reason. Detectors stay off until enabled again.</summary>
        public void Clear(SafeStateReason reason)
        {
            _reasons &= ~(int)reason;
            if (_reasons == 0)
            {
                _reasons = (int)SafeStateReason.AwaitingEnable;
                for (int i = 0; i < _requestedOn.Length; i++)
                {
                    _requestedOn[i] = false;
                }
            }
        }

        /// <summary>
        /// Operator action: turns one detector's gate on or off. Turning on is refused (returns false) while a fault
        /// holds; the caller reports which one.
        /// </summary>
        public bool SetGate(int channel, bool on, bool channelLatched)
        {
            if (on && (!IsFaultFree || channelLatched))
            {
                return false;
            }

            _requestedOn[channel] = on;
            _gates[channel].Write(on);
            bool any = false;
            for (int i = 0; i < _requestedOn.Length; i++)
            {
                any |= _requestedOn[i];
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

        /// <summary>Gates one channel off without touching the others (over-light on that channel only).</summary>
        public void GateOff(int channel)
        {
            _requestedOn[channel] = false;
            _gates[channel].Write(false);
        }

        public bool IsGateOn(int channel)
        {
            return _gates[channel].IsHigh;
        }
    }
}
