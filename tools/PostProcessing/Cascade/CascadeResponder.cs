using GroundStation.PostProcessing.Bits;

namespace GroundStation.PostProcessing.Cascade;

/// <summary>
/// Alice's side of one Cascade frame: answers Bob's parity requests on her (never changed) key and counts every
/// parity she discloses. She checks each request (frame, step order, layout, range) so a faulty or hostile peer gets
/// a one-line error, not a wrong answer; the disclosed count is hers, independent of Bob's.
/// </summary>
public sealed class CascadeResponder
{
    private readonly CascadeSetup _setup;
    private readonly BitString _key;
    private readonly ulong[]?[] _arranged;
    private int _nextStep;

    public CascadeResponder(BitString aliceKey, CascadeSetup setup)
    {
        ArgumentNullException.ThrowIfNull(aliceKey);
        ArgumentNullException.ThrowIfNull(setup);
        setup.Validate();
        if (aliceKey.Length != setup.FrameBits)
        {
            throw new ArgumentException($"Alice's frame has {aliceKey.Length} bits, the setup says {setup.FrameBits}.");
        }

        _setup = setup;
        _key = aliceKey;
        _arranged = new ulong[]?[setup.LayoutCount];
    }

    /// <summary>Parities disclosed so far (one per answered range).</summary>
    public long DisclosedBits { get; private set; }

    public ParityReply Answer(ParityRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.FrameId != _setup.FrameId)
        {
            throw new ArgumentException($"Request for frame {request.FrameId} sent to frame {_setup.FrameId}.");
        }

        if (request.Step != _nextStep)
        {
            throw new ArgumentException($"Frame {_setup.FrameId}: step {request.Step} arrived, step {_nextStep} was expected.");
        }

        if (request.Starts.Length != request.Count || request.Lengths.Length != request.Count)
        {
            throw new ArgumentException($"Frame {_setup.FrameId} step {request.Step}: layout, start and length arrays differ in length.");
        }

        var parities = new ulong[BitString.WordCount(request.Count)];
        for (int i = 0; i < request.Count; i++)
        {
            int layout = request.Layouts[i], start = request.Starts[i], length = request.Lengths[i];
            if ((uint)layout >= (uint)_setup.LayoutCount || start < 0 || length < 1 || start > _setup.FrameBits - length)
            {
                throw new ArgumentException(
                    $"Frame {_setup.FrameId} step {request.Step}: range {i} (layout {layout}, [{start}, {start}+{length})) is outside the frame.");
            }

            var bits = _arranged[layout] ??= CascadePassLayout.Build(_setup, layout).Arrange(_key.Words, _setup.FrameBits);
            parities[i >> 6] |= (ulong)BitString.RangeParity(bits, start, length) << i;
        }

        _nextStep++;
        DisclosedBits += request.Count;
        return new ParityReply(request.FrameId, request.Step, parities, request.Count);
    }
}
