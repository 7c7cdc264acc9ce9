using System;
using System.IO.Ports;
using GroundStation.Hal;

namespace GroundStation.Boards.Esp32
{
    /// <summary>
    /// <see cref="ISerialPort"/> over System.IO.Ports.SerialPort. Reads never block: they take at most
    /// <c>BytesToRead</c> bytes, which the driver already holds in its receive buffer.
    /// </summary>
    public sealed class SerialPortAdapter : ISerialPort
    {
        private readonly SerialPort _port;
        private readonly string _name;
        private readonly HalFaultCounters _faults;

        /// <summary>Opens <paramref name="port"/> if it is not open yet.</summary>
        public SerialPortAdapter(SerialPort port, string name, HalFaultCounters faults)
        {
            _port = port;
            _name = name;
            _faults = faults;
            try
            {
                if (!port.IsOpen)
                {
                    port.Open();
                }
            }
            catch (Exception e)
            {
                throw faults.Raise(HalFault.SerialFailed, name, "cannot open " + port.PortName + ": " + e.Message);
            }
        }

        public int BaudRate
        {
            get { return _port.BaudRate; }
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                int available = _port.BytesToRead;
                if (available <= 0 || count <= 0)
                {
                    return 0;
                }

                return _port.Read(buffer, offset, available < count ? available : count);
            }
            catch (Exception e)
            {
                throw _faults.Raise(HalFault.SerialFailed, _name, "read failed: " + e.Message);
            }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            try
            {
                _port.Write(buffer, offset, count);
            }
            catch (Exception e)
            {
                throw _faults.Raise(HalFault.SerialFailed, _name, "write of " + count + " bytes failed: " + e.Message);
            }
        }
    }
}
