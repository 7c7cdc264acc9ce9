using GroundStation.Gsctl.Commands;
using GroundStation.Protocol;

namespace GroundStation.Tests.Gsctl.Sim;

/// <summary>The firmware's own reports after a simulated pass, read over the same link gsctl used.</summary>
internal static class PassTelemetry
{
    /// <summary>The firmware's next binary telemetry record (once per board second; after the pass its counts are final).</summary>
    public static TelemetryRecord NextRecord(DeviceConnection connection)
    {
        var received = new TaskCompletionSource<TelemetryRecord>();
        connection.Client.Received = (type, payload) =>
        {
            var record = new TelemetryRecord();
            if (type == MessageType.Telemetry && record.TryRead(payload.ToArray(), 0, payload.Length))
            {
                received.TrySetResult(record);
            }
        };
        Assert.True(received.Task.Wait(TimeSpan.FromSeconds(30)), "no telemetry record after the pass");
        return received.Task.Result;
    }
}
