using GroundStation.Hal;
using GroundStation.Protocol.Console;

namespace GroundStation.Protocol
{
    /// <summary>
    /// The firmware's end of the serial link. Call <see cref="Poll"/> every loop iteration: it reads what arrived,
    /// runs the console (typed SCPI lines) or the binary session (frames), answers Hello with HelloReply from the
    /// identity, runs Command messages through the same <see cref="Commands"/> table as the console, delivers other
    /// messages to the handlers registered with <see cref="SetHandler"/>, and sends queued data at line pace.
    /// Modes: console after boot; a 0x00 byte followed by a valid Hello frame switches to binary; Bye or 3 s
    /// without a frame switches back (protocol/README.md, "Modes").
    /// </summary>
    public sealed class DeviceEndpoint
    {
        private const int ReadChunk = 256;
        private const int MaxReadsPerPoll = 8;
        private const long CaptureTimeoutMicroseconds = 1000000;

        private readonly ISerialPort _port;
        private readonly IMonotonicClock _clock;
        private readonly DeviceIdentity _identity;
        private readonly LinkSettings _settings;
        private readonly LinkChannel _channel;
        private readonly CommandTable _commands;
        private readonly ConsoleSession _console;
        private readonly byte[] _rx = new byte[ReadChunk];
        private readonly byte[] _control;
        private readonly byte[] _lastReply;
        private readonly HelloPayload _hello = new HelloPayload();
        private readonly HelloReplyPayload _helloReply = new HelloReplyPayload();
        private readonly uint _sessionId;
        private int _lastReplyLength;
        private int _lastRequestId = -1;
        private bool _capturing;
        private long _captureStartUs;
        private bool _refusing;
        private long _nowUs;

        /// <param name="sessionId">Non-zero and different at every boot (e.g. from the board's random source): a host
        /// resuming an older session then learns the device restarted.</param>
        public DeviceEndpoint(ISerialPort port, IMonotonicClock clock, DeviceIdentity identity, LinkSettings settings,
            uint sessionId)
        {
            _port = port;
            _clock = clock;
            _identity = identity;
            _settings = settings != null ? settings : new LinkSettings();
            _sessionId = sessionId != 0 ? sessionId : 1;
            _channel = new LinkChannel(port, _settings);
            _commands = new CommandTable(identity);
            _console = new ConsoleSession(_commands, port, _settings.ConsoleEcho);
            _control = new byte[_settings.MaxPayload > 256 ? _settings.MaxPayload : 256];
            _lastReply = new byte[_settings.MaxPayload];
            _channel.SetHandler(MessageType.Hello, OnHello);
            _channel.SetHandler(MessageType.Bye, OnBye);
            _channel.SetHandler(MessageType.Command, OnCommand);
            _commands.Register("LINK:STATus", true, 0, 0, "link counters: mode,pending,refused,rx ok,rx bad,resent,sent", LinkStatus);
        }

        public LinkMode Mode { get; private set; }

        public uint SessionId
        {
            get { return _sessionId; }
        }

        /// <summary>The command table of the console and of Command messages: the firmware registers its commands here.</summary>
        public CommandTable Commands
        {
            get { return _commands; }
        }

        /// <summary>Counters and state of the binary link (decoder, sender, receiver).</summary>
        public LinkChannel Channel
        {
            get { return _channel; }
        }

        public DeviceIdentity Identity
        {
            get { return _identity; }
        }

        /// <summary>Reliable messages refused because the send buffer was full (data the firmware had to drop).</summary>
        public long RefusedMessages { get; private set; }

        /// <summary>Reliable messages waiting for the host's acknowledgement.</summary>
        public int PendingReliable
        {
            get { return _channel.Sender.Pending; }
        }

        public event LinkEventHandler LinkEvent;

        /// <summary>Handler for messages from the host of one type (sifting match masks, ...). Null removes it.</summary>
        public void SetHandler(MessageType type, MessageHandler handler)
        {
            if (type == MessageType.Hello || type == MessageType.Bye || type == MessageType.Command || type == MessageType.Ack)
            {
                throw new System.ArgumentException("handled by the endpoint", "type");
            }

            _channel.SetHandler(type, handler);
        }

        /// <summary>True when a reliable message of <paramref name="bytes"/> payload bytes would be accepted now.</summary>
        public bool CanAccept(int bytes)
        {
            return _channel.Sender.CanAccept(bytes);
        }

        /// <summary>
        /// Queues a message on the reliable stream (sifted blocks, sifting messages). It is kept until the host
        /// acknowledges it, across reconnects. False when the buffer is full: the message was not taken,
        /// <see cref="RefusedMessages"/> counts it and the first refusal raises <see cref="LinkEventKind.BufferFull"/>.
        /// </summary>
        public bool SendReliable(MessageType type, byte[] payload, int offset, int count)
        {
            if (_channel.SendReliable(type, payload, offset, count))
            {
                _refusing = false;
                return true;
            }

            RefusedMessages++;
            if (!_refusing)
            {
                _refusing = true;
                Raise(LinkEventKind.BufferFull);
            }

            return false;
        }

        /// <summary>Offers the latest telemetry value (best effort, never resent, lowest priority).</summary>
        public bool SendTelemetry(MessageType type, byte[] payload, int offset, int count)
        {
            return _channel.SetTelemetry(type, payload, offset, count);
        }

        /// <summary>Prints a line for the technician (console mode only; dropped in binary mode).</summary>
        public void ConsolePrint(string text)
        {
            if (Mode == LinkMode.Console && !_capturing)
            {
                _console.WriteLine(text);
            }
        }

        /// <summary>One step: read input, handle it, send what is due. Never blocks on input.</summary>
        public void Poll()
        {
            _nowUs = _clock.NowMicroseconds;
            for (int reads = 0; reads < MaxReadsPerPoll; reads++)
            {
                int count = _port.Read(_rx, 0, _rx.Length);
                if (count <= 0)
                {
                    break;
                }

                for (int i = 0; i < count; i++)
                {
                    Receive(_rx[i]);
                }
            }

            if (Mode == LinkMode.Binary)
            {
                if (_channel.LinkLost(_nowUs))
                {
                    EnterConsole(LinkEventKind.LinkLost);
                    return;
                }

                _channel.Pump(_nowUs);
            }
            else if (_capturing && _nowUs - _captureStartUs > CaptureTimeoutMicroseconds)
            {
                _capturing = false;
                _channel.Decoder.Reset();
            }
        }

        private void Receive(byte value)
        {
            if (Mode == LinkMode.Binary)
            {
                _channel.PushByte(value, _nowUs);
                return;
            }

            if (!_capturing)
            {
                if (value != Frame.Delimiter)
                {
                    _console.Feed(value);
                    return;
                }

                // A 0x00 never comes from a keyboard line: a host is starting a frame.
                _capturing = true;
                _captureStartUs = _nowUs;
                _console.Discard();
                _channel.Decoder.Reset();
                return;
            }

            bool wasInFrame = _channel.Decoder.InFrame;
            _channel.PushByte(value, _nowUs);
            if (value == Frame.Delimiter && wasInFrame && Mode == LinkMode.Console)
            {
                _capturing = false;
            }
        }

        private void OnHello(MessageType type, byte[] buffer, int offset, int count)
        {
            if (!_hello.TryRead(buffer, offset, count))
            {
                return;
            }

            _helloReply.Major = ProtocolVersion.Major;
            _helloReply.Minor = ProtocolVersion.Minor;
            _helloReply.SessionId = _sessionId;
            _helloReply.ReceiveWindow = _settings.ReceiveWindow;
            _helloReply.MaxPayload = _settings.MaxPayload;
            if (_hello.Major != ProtocolVersion.Major)
            {
                _helloReply.Status = HelloReplyPayload.StatusIncompatibleMajor;
                _helloReply.Resumed = false;
                _helloReply.ReceiveNext = _channel.Receiver.Next;
                _helloReply.SendBase = _channel.Sender.Base;
                SendHelloReply();
                if (Mode == LinkMode.Binary)
                {
                    _channel.Deactivate();
                    Mode = LinkMode.Console;
                }

                Raise(LinkEventKind.IncompatibleHost);
                return;
            }

            bool resumed = _hello.SessionId == _sessionId;
            ReliableSender sender = _channel.Sender;
            sender.ResumeFrom(resumed ? _hello.ReceiveNext : sender.Base);
            _channel.Activate(_nowUs, _channel.Receiver.Next, _hello.ReceiveWindow);
            _helloReply.Status = HelloReplyPayload.StatusOk;
            _helloReply.Resumed = resumed;
            _helloReply.ReceiveNext = _channel.Receiver.Next;
            _helloReply.SendBase = sender.Base;
            _lastRequestId = -1;
            Mode = LinkMode.Binary;
            _capturing = false;
            _console.Discard();
            SendHelloReply();
            Raise(LinkEventKind.Connected);
        }

        private void SendHelloReply()
        {
            int length = _helloReply.Write(_control, 0, _identity);
            _channel.SendControl(MessageType.HelloReply, _control, 0, length, _nowUs);
        }

        private void OnBye(MessageType type, byte[] buffer, int offset, int count)
        {
            EnterConsole(LinkEventKind.Disconnected);
        }

        private void OnCommand(MessageType type, byte[] buffer, int offset, int count)
        {
            if (count < CommandPayload.CommandHeaderLength)
            {
                return;
            }

            int requestId = CommandPayload.ReadRequestId(buffer, offset);
            if (requestId != _lastRequestId)
            {
                int textLength = count - CommandPayload.CommandHeaderLength;
                string line = textLength > CommandTable.MaxLineLength * 4
                    ? null
                    : Utf8.GetString(buffer, offset + CommandPayload.CommandHeaderLength, textLength);
                CommandContext result = line == null
                    ? null
                    : _commands.Execute(line, true);
                int status = result == null ? ScpiError.InputBufferOverrun : result.ErrorCode;
                string text = result == null
                    ? ScpiError.Format(status, "line too long")
                    : status != 0 ? ScpiError.Format(status, result.ErrorDetail) : result.ReplyText;
                _lastReplyLength = CommandPayload.WriteReply(_lastReply, 0, requestId, status, text, _lastReply.Length);
                _lastRequestId = requestId;
            }

            _channel.SendControl(MessageType.CommandReply, _lastReply, 0, _lastReplyLength, _nowUs);
        }

        private void LinkStatus(CommandContext context)
        {
            FrameDecoder decoder = _channel.Decoder;
            context.Reply((Mode == LinkMode.Binary ? "BINARY" : "CONSOLE") + "," + PendingReliable + "," + RefusedMessages
                + "," + decoder.FramesAccepted + "," + decoder.RejectedFrames + "," + _channel.Sender.Retransmissions
                + "," + _channel.FramesSent);
        }

        private void EnterConsole(LinkEventKind why)
        {
            if (Mode == LinkMode.Console)
            {
                return;
            }

            _channel.Deactivate();
            Mode = LinkMode.Console;
            _capturing = false;
            _channel.Decoder.Reset();
            Raise(why);
        }

        private void Raise(LinkEventKind kind)
        {
            LinkEventHandler handler = LinkEvent;
            if (handler != null)
            {
                handler(kind);
            }
        }
    }
}
