using GroundStation.Hal;

namespace GroundStation.Protocol
{
    /// <summary>
    /// The binary link engine both ends share: decodes received frames, applies acknowledgements, delivers the
    /// peer's reliable stream in order, dispatches unsequenced messages, and decides what to transmit next.
    /// Transmit priority: control messages (replies, acks; written at once) &gt; reliable data (resends first) &gt;
    /// telemetry (one frame after every N data frames under load, so neither starves the other).
    /// Transmission is paced to the line rate so the UART queue never holds more than a couple of frames: a command
    /// reply never waits behind kilobytes of queued key data. Not thread-safe: one thread polls it.
    /// </summary>
    public sealed class LinkChannel
    {
        private const int TelemetrySlots = 4;

        private readonly ISerialPort _port;
        private readonly LinkSettings _settings;
        private readonly FrameWriter _writer = new FrameWriter();
        private readonly FrameDecoder _decoder;
        private readonly ReliableSender _sender;
        private readonly ReliableReceiver _receiver;
        private readonly MessageHandler[] _handlers = new MessageHandler[256];
        private readonly MessageHandler _deliver;
        private readonly byte[] _tx;
        private readonly byte[] _ackPayload = new byte[4];
        private readonly byte[][] _telemetry = new byte[TelemetrySlots][];
        private readonly int[] _telemetryLength = new int[TelemetrySlots];
        private readonly int[] _telemetryType = new int[TelemetrySlots];
        private readonly int _baud;
        private readonly long _aheadMicroseconds;
        private long _lineBusyUntilUs;
        private long _lastTxUs;
        private long _lastRxUs;
        private bool _ackPending;
        private int _dataSinceTelemetry;
        private long _nowUs;

        public LinkChannel(ISerialPort port, LinkSettings settings)
        {
            _port = port;
            _settings = settings;
            int maxPayload = settings.MaxPayload;
            _decoder = new FrameDecoder(maxPayload);
            _sender = new ReliableSender(settings.SendSlots, maxPayload);
            _receiver = new ReliableReceiver(settings.ReceiveWindow, maxPayload);
            _tx = new byte[Frame.MaxWireLength(maxPayload)];
            for (int i = 0; i < TelemetrySlots; i++)
            {
                _telemetry[i] = new byte[maxPayload];
                _telemetryType[i] = -1;
            }

            _baud = port.BaudRate > 0 ? port.BaudRate : 115200;
            long frameMicros = LineMicroseconds(_tx.Length);
            _aheadMicroseconds = settings.TransmitAheadMicroseconds > 0 ? settings.TransmitAheadMicroseconds : 2 * frameMicros;

            // Timers run from when a frame's last byte leaves the UART (paced, so known): the ack can come back
            // within a largest frame of the peer's plus its polling and USB latency (up to ~16 ms on FTDI chips).
            int rto = settings.RetransmitTimeoutMicroseconds > 0
                ? settings.RetransmitTimeoutMicroseconds
                : (int)(2 * frameMicros + 50000);
            _sender.RetransmitTimeoutMicroseconds = rto;
            _sender.MaxRetransmitTimeoutMicroseconds = settings.MaxRetransmitTimeoutMicroseconds > 0
                ? settings.MaxRetransmitTimeoutMicroseconds
                : 4 * rto;
            _deliver = Dispatch;
        }

        /// <summary>True while a session is up: frames are sent and the peer's stream is accepted.</summary>
        public bool Active { get; private set; }

        public FrameDecoder Decoder
        {
            get { return _decoder; }
        }

        public ReliableSender Sender
        {
            get { return _sender; }
        }

        public ReliableReceiver Receiver
        {
            get { return _receiver; }
        }

        public LinkSettings Settings
        {
            get { return _settings; }
        }

        /// <summary>
        /// Earliest time the line pacing lets the next frame out (the UART queue then holds less than the allowed
        /// lead). The simulation board, whose clock stands still while it waits for the host, moves it just this far
        /// when a frame is waiting for the line.
        /// </summary>
        public long NextTransmitMicroseconds
        {
            get { return _lineBusyUntilUs - _aheadMicroseconds; }
        }

        /// <summary>Time of the last good frame received.</summary>
        public long LastReceiveMicroseconds
        {
            get { return _lastRxUs; }
        }

        /// <summary>Unsequenced messages with no handler (e.g. from a newer peer).</summary>
        public long UnhandledMessages { get; private set; }

        /// <summary>Good frames other than the handshake received while no session was up.</summary>
        public long IgnoredWhileInactive { get; private set; }

        public long FramesSent { get; private set; }

        public long BytesSent { get; private set; }

        /// <summary>Registers the handler for one message type (null removes it). Ack is handled here.</summary>
        public void SetHandler(MessageType type, MessageHandler handler)
        {
            _handlers[(int)type] = handler;
        }

        /// <summary>
        /// Starts a session. The receiver drops frames held out of order (the peer resends them) and expects
        /// <paramref name="peerSendBase"/> next; the sender resends everything unacknowledged.
        /// </summary>
        public void Activate(long nowMicroseconds, uint peerSendBase, int peerWindow)
        {
            Active = true;
            _receiver.ResetTo(peerSendBase);
            _sender.PeerWindow = peerWindow < 1 ? 1 : peerWindow;
            _lastRxUs = nowMicroseconds;
            _ackPending = false;
        }

        /// <summary>Ends the session; unacknowledged data stays held for the next one.</summary>
        public void Deactivate()
        {
            Active = false;
            _ackPending = false;
        }

        /// <summary>Feeds one received byte; handles the frame it completes, if any.</summary>
        /// <returns>True when the byte completed a good frame.</returns>
        public bool PushByte(byte value, long nowMicroseconds)
        {
            if (!_decoder.Push(value))
            {
                return false;
            }

            _nowUs = nowMicroseconds;
            HandleFrame();
            return true;
        }

        /// <summary>Queues a message on the reliable stream; false when the send slots are full or it is too long.</summary>
        public bool SendReliable(MessageType type, byte[] payload, int offset, int count)
        {
            return _sender.Enqueue(type, payload, offset, count);
        }

        /// <summary>Writes an unsequenced message at once (replies, handshake, Bye): they go before everything queued.</summary>
        public void SendControl(MessageType type, byte[] payload, int offset, int count, long nowMicroseconds)
        {
            WriteFrame(type, 0, 0, payload, offset, count, nowMicroseconds);
        }

        /// <summary>Stores the latest value of a telemetry message; an older unsent one of the same type is replaced.</summary>
        /// <returns>False when it is too long or all telemetry slots hold other types.</returns>
        public bool SetTelemetry(MessageType type, byte[] payload, int offset, int count)
        {
            if (count > _settings.MaxPayload)
            {
                return false;
            }

            int free = -1;
            for (int i = 0; i < TelemetrySlots; i++)
            {
                if (_telemetryType[i] == (int)type)
                {
                    free = i;
                    break;
                }

                if (_telemetryType[i] < 0 && free < 0)
                {
                    free = i;
                }
            }

            if (free < 0)
            {
                return false;
            }

            System.Array.Copy(payload, offset, _telemetry[free], 0, count);
            _telemetryLength[free] = count;
            _telemetryType[free] = (int)type;
            return true;
        }

        /// <summary>Sends what is due, in priority order, as far as the line pacing allows.</summary>
        public void Pump(long nowMicroseconds)
        {
            if (!Active)
            {
                return;
            }

            _nowUs = nowMicroseconds;
            if (_ackPending)
            {
                SendAck(nowMicroseconds);
            }

            while (_lineBusyUntilUs - nowMicroseconds < _aheadMicroseconds)
            {
                int telemetry = NextTelemetrySlot();
                int slot = _sender.SelectForTransmit(nowMicroseconds);
                bool telemetryTurn = telemetry >= 0 && (slot < 0 || _dataSinceTelemetry >= _settings.TelemetryEveryDataFrames);
                if (telemetryTurn)
                {
                    WriteFrame((MessageType)_telemetryType[telemetry], 0, 0,
                        _telemetry[telemetry], 0, _telemetryLength[telemetry], nowMicroseconds);
                    _telemetryType[telemetry] = -1;
                    _dataSinceTelemetry = 0;
                    continue;
                }

                if (slot < 0)
                {
                    break;
                }

                WriteFrame(_sender.TypeOfSlot(slot), Frame.FlagSequenced, _sender.SeqOfSlot(slot),
                    _sender.PayloadOfSlot(slot), 0, _sender.LengthOfSlot(slot), nowMicroseconds);
                _sender.MarkTransmitted(slot, _lineBusyUntilUs);
                _dataSinceTelemetry++;
            }

            if (nowMicroseconds - _lastTxUs >= _settings.KeepaliveMicroseconds)
            {
                SendAck(nowMicroseconds);
            }
        }

        /// <summary>True when no good frame arrived for the link timeout.</summary>
        public bool LinkLost(long nowMicroseconds)
        {
            return Active && nowMicroseconds - _lastRxUs > _settings.LinkTimeoutMicroseconds;
        }

        private void HandleFrame()
        {
            MessageType type = _decoder.Type;
            if (!Active && type != MessageType.Hello && type != MessageType.HelloReply)
            {
                // Before the handshake (or after Bye / link loss) only the handshake is accepted.
                IgnoredWhileInactive++;
                return;
            }

            _lastRxUs = _nowUs;
            if (Active)
            {
                uint selective = 0;
                if (type == MessageType.Ack && _decoder.PayloadLength >= 4)
                {
                    selective = Frame.ReadUInt32(_decoder.Buffer, _decoder.PayloadOffset);
                }

                _sender.OnAck(_decoder.Ack, selective);
            }

            if (_decoder.IsSequenced)
            {
                if (Active)
                {
                    _receiver.Accept(_decoder.Seq, type, _decoder.Buffer, _decoder.PayloadOffset, _decoder.PayloadLength, _deliver);
                    _ackPending = true;
                }

                return;
            }

            if (type != MessageType.Ack)
            {
                Dispatch(type, _decoder.Buffer, _decoder.PayloadOffset, _decoder.PayloadLength);
            }
        }

        private void Dispatch(MessageType type, byte[] buffer, int offset, int count)
        {
            MessageHandler handler = _handlers[(int)type];
            if (handler == null)
            {
                UnhandledMessages++;
                return;
            }

            handler(type, buffer, offset, count);
        }

        private void SendAck(long nowMicroseconds)
        {
            _ackPending = false;
            Frame.WriteUInt32(_ackPayload, 0, _receiver.SelectiveAckBits);
            WriteFrame(MessageType.Ack, 0, 0, _ackPayload, 0, 4, nowMicroseconds);
        }

        private int NextTelemetrySlot()
        {
            for (int i = 0; i < TelemetrySlots; i++)
            {
                if (_telemetryType[i] >= 0)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Time the UART needs for <paramref name="bytes"/> bytes: 10 bit times each (start, 8 data, stop).</summary>
        private long LineMicroseconds(int bytes)
        {
            return ((long)bytes * 10000000L + _baud - 1) / _baud;
        }

        private void WriteFrame(MessageType type, byte flags, uint seq, byte[] payload, int offset, int count, long nowMicroseconds)
        {
            int length = _writer.Write(type, flags, seq, _receiver.Next, payload, offset, count, _tx, 0);
            _port.Write(_tx, 0, length);
            if (_lineBusyUntilUs < nowMicroseconds)
            {
                _lineBusyUntilUs = nowMicroseconds;
            }

            _lineBusyUntilUs += LineMicroseconds(length);
            _lastTxUs = nowMicroseconds;
            FramesSent++;
            BytesSent += length;
        }
    }
}
