namespace GroundStation.Host.Link;

/// <summary>The device's answer to Hello.</summary>
public sealed record DeviceInfo(
    string Name,
    string FirmwareVersion,
    string BoardName,
    int ProtocolMajor,
    int ProtocolMinor,
    uint SessionId,
    bool Resumed,
    int MaxPayload,
    int ReceiveWindow);

/// <summary>
/// What a host keeps to resume a session after it restarts: the device's session id and the next device sequence
/// number it has not yet received (everything below was delivered). Persist it after handling each message.
/// </summary>
public sealed record ResumeState(uint SessionId, uint ReceiveNext);

/// <summary>The answer to one command line: Status 0 = success, else a SCPI error code; Text = reply or error text.</summary>
public sealed record CommandResult(int Status, string Text)
{
    public bool Ok => Status == 0;
}
