namespace GroundStation.Host.Link;

/// <summary>
/// A device link that survives a cable pull. When the current <see cref="LinkClient"/>'s port fails,
/// <see cref="EnsureAlive"/> closes it, re-opens the port every <see cref="RetryInterval"/> until the device answers,
/// and resumes the session from the last message delivered (Hello with the session id and next sequence number,
/// protocol/README.md): the device resends the rest from its bounded send buffer, so the reliable stream goes on
/// without a gap or a duplicate. <see cref="Received"/> is carried over to each new client. Gives up (LinkException)
/// when the device has not come back within the allowed time.
/// </summary>
public sealed class ResumingLink : IDisposable
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(3);

    private readonly Func<LinkClient> _reopen;
    private readonly LinkClient _first;
    private readonly TimeSpan _giveUpAfter;
    private readonly Action<string>? _report;
    private LinkMessageHandler? _received;

    /// <param name="first">The connected client (owned by the caller, but closed here once its port failed;
    /// replacements are owned by this object).</param>
    /// <param name="reopen">Opens the same port again (throws LinkException while it is absent or busy).</param>
    /// <param name="giveUpAfter">How long to keep trying after a failure; zero = fail at once.</param>
    /// <param name="report">Told, in one line each, when the link is lost and when it is back.</param>
    public ResumingLink(LinkClient first, Func<LinkClient> reopen, TimeSpan giveUpAfter, Action<string>? report = null)
    {
        _first = first;
        Current = first;
        _reopen = reopen;
        _giveUpAfter = giveUpAfter;
        _report = report;
    }

    public LinkClient Current { get; private set; }

    /// <summary>Times the session was resumed on a re-opened port.</summary>
    public int Resumptions { get; private set; }

    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The device's messages, as <see cref="LinkClient.Received"/>, across resumptions.</summary>
    public LinkMessageHandler? Received
    {
        get => _received;
        set
        {
            _received = value;
            Current.Received = value;
        }
    }

    /// <summary>Returns at once while the link runs; after a port failure, blocks until the session is resumed.</summary>
    /// <exception cref="LinkException">The device did not come back within the allowed time.</exception>
    public void EnsureAlive()
    {
        if (Current.Failure is not { } failure)
        {
            return;
        }

        var resume = Current.ResumeState;
        _report?.Invoke($"link lost ({failure.Message}); re-opening the port every {RetryInterval.TotalSeconds:0.#} s for up to {_giveUpAfter.TotalSeconds:0.#} s");
        Current.Received = null;
        Current.Dispose(); // releases the port handle (an exclusive serial open would refuse the re-open otherwise)
        var deadline = DateTime.UtcNow + _giveUpAfter;
        var lastProblem = failure.Message;
        while (true)
        {
            try
            {
                var client = _reopen();
                try
                {
                    client.Received = _received;
                    var device = client.Connect(HandshakeTimeout, resume);
                    Current = client;
                    Resumptions++;
                    _report?.Invoke(device.Resumed
                        ? "link back: session resumed, nothing lost"
                        : "link back, but the device started a new session (it restarted): data it had not delivered is gone");
                    return;
                }
                catch (LinkException)
                {
                    client.Dispose();
                    throw;
                }
            }
            catch (LinkException e)
            {
                lastProblem = e.Message;
            }

            if (DateTime.UtcNow + RetryInterval > deadline)
            {
                throw new LinkException(LinkErrorKind.NoAnswer,
                    $"the device did not come back within {_giveUpAfter.TotalSeconds:0.#} s of losing the link: {lastProblem}");
            }

            Thread.Sleep(RetryInterval);
        }
    }

    public void Dispose() => CloseReplacement(Current);

    private void CloseReplacement(LinkClient client)
    {
        if (!ReferenceEquals(client, _first))
        {
            client.Dispose();
        }
    }
}
