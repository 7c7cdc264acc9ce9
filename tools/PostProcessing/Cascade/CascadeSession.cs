using GroundStation.PostProcessing.Bits;

namespace GroundStation.PostProcessing.Cascade;

/// <summary>
/// Bob's side of one Cascade frame (Brassard and Salvail 1993, with the caching and back-tracking analysed by
/// Martinez-Mateo et al. 2015). Bob drives: <see cref="NextRequest"/> gives the parities he needs from Alice for one
/// step (all block parities of a new pass, or the next bisection level of every open search, batched), and
/// <see cref="Accept"/> takes her reply. Alice's parities are cached per range, and the right half of a bisected
/// range is inferred from its parent and left half, so no range is ever asked twice. Every corrected bit is
/// cascaded into all earlier layouts; a search whose range lost its odd error parity to another correction is
/// dropped and, if its block is still odd, restarted (the cache makes the restart free).
/// </summary>
public sealed class CascadeSession
{
    private readonly CascadeSetup _setup;
    private readonly BitString _key;
    private readonly List<CascadeLayoutState> _layouts = new();
    private readonly Dictionary<ulong, byte> _aliceParity = new();
    private readonly Queue<CascadeSearch> _work = new();
    private readonly List<CascadeSearch> _waiting = new();
    private int _startingLayout = -1;
    private bool _awaitingReply;
    private int _step;

    public CascadeSession(BitString bobKey, CascadeSetup setup)
    {
        ArgumentNullException.ThrowIfNull(bobKey);
        ArgumentNullException.ThrowIfNull(setup);
        setup.Validate();
        if (bobKey.Length != setup.FrameBits)
        {
            throw new ArgumentException($"Bob's frame has {bobKey.Length} bits, the setup says {setup.FrameBits}.");
        }

        _setup = setup;
        _key = bobKey.Clone();
    }

    public CascadeSetup Setup => _setup;

    public bool IsDone { get; private set; }

    public long DisclosedBits { get; private set; }

    public int CorrectedBits { get; private set; }

    /// <summary>The next request for Alice, or null when the frame is done (then read <see cref="Result"/>).</summary>
    public ParityRequest? NextRequest()
    {
        if (_awaitingReply)
        {
            throw new InvalidOperationException($"Frame {_setup.FrameId}: step {_step} is still unanswered.");
        }

        if (IsDone)
        {
            return null;
        }

        var query = new RangeList();
        RunSearches(query);
        if (query.Count == 0)
        {
            if (_layouts.Count == _setup.LayoutCount)
            {
                IsDone = true;
                return null;
            }

            StartLayout(query);
        }

        _awaitingReply = true;
        return new ParityRequest(_setup.FrameId, _step, query.Layouts.ToArray(), query.Starts.ToArray(), query.Lengths.ToArray());
    }

    public void Accept(ParityReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (!_awaitingReply || reply.FrameId != _setup.FrameId || reply.Step != _step)
        {
            throw new ArgumentException($"Frame {_setup.FrameId}: reply for frame {reply.FrameId} step {reply.Step} was not expected.");
        }

        _awaitingReply = false;
        _step++;
        DisclosedBits += reply.Count;
        if (_startingLayout >= 0)
        {
            AcceptBlockParities(_layouts[_startingLayout], reply);
            _startingLayout = -1;
            return;
        }

        if (reply.Count != _waiting.Count)
        {
            throw new ArgumentException($"Frame {_setup.FrameId} step {reply.Step}: {reply.Count} parities for {_waiting.Count} ranges.");
        }

        for (int i = 0; i < _waiting.Count; i++)
        {
            var s = _waiting[i];
            _aliceParity[CascadeRange.Key(s.Layout, s.Start, s.LeftLength)] = (byte)reply[i];
            _work.Enqueue(s);
        }

        _waiting.Clear();
    }

    public CascadeResult Result => IsDone
        ? new CascadeResult(_key.Clone(), DisclosedBits, _step, CorrectedBits)
        : throw new InvalidOperationException($"Frame {_setup.FrameId} is not done.");

    private void StartLayout(RangeList query)
    {
        int index = _layouts.Count;
        var state = new CascadeLayoutState(index, CascadePassLayout.Build(_setup, index), _key);
        _layouts.Add(state);
        _startingLayout = index;
        for (int b = 0; b < state.BlockCount; b++)
        {
            query.Add(index, state.BlockStart(b), state.BlockLength(b));
        }
    }

    private void AcceptBlockParities(CascadeLayoutState state, ParityReply reply)
    {
        if (reply.Count != state.BlockCount)
        {
            throw new ArgumentException($"Frame {_setup.FrameId}: {reply.Count} block parities for {state.BlockCount} blocks.");
        }

        for (int b = 0; b < state.BlockCount; b++)
        {
            int start = state.BlockStart(b), length = state.BlockLength(b);
            _aliceParity[CascadeRange.Key(state.Index, start, length)] = (byte)reply[b];
            state.ErrorOdd[b] = (state.BobParity(start, length) ^ reply[b]) != 0;
        }

        state.ParitiesKnown = true;
        for (int b = 0; b < state.BlockCount; b++)
        {
            if (state.ErrorOdd[b])
            {
                StartSearch(state, b);
            }
        }
    }

    private void StartSearch(CascadeLayoutState state, int block)
    {
        state.Searching[block] = true;
        _work.Enqueue(new CascadeSearch(state.Index, block, state.BlockStart(block), state.BlockLength(block)));
    }

    private void RunSearches(RangeList query)
    {
        while (_work.TryDequeue(out var search))
        {
            Advance(search, query);
        }
    }

    /// <summary>Bisects as far as cached parities allow; then asks for the left half, or corrects the bit found.</summary>
    private void Advance(CascadeSearch s, RangeList query)
    {
        var state = _layouts[s.Layout];
        while (true)
        {
            int alice = _aliceParity[CascadeRange.Key(s.Layout, s.Start, s.Length)];
            if ((alice ^ state.BobParity(s.Start, s.Length)) == 0)
            {
                // Another correction landed in this range: it no longer holds an odd number of errors.
                state.Searching[s.Block] = false;
                if (state.ErrorOdd[s.Block])
                {
                    StartSearch(state, s.Block);
                }

                return;
            }

            if (s.Length == 1)
            {
                state.Searching[s.Block] = false;
                Flip(state.FramePosition(s.Start));
                return;
            }

            ulong leftKey = CascadeRange.Key(s.Layout, s.Start, s.LeftLength);
            if (!_aliceParity.TryGetValue(leftKey, out byte left))
            {
                if (!state.IsEmptyRange(s.Start, s.LeftLength))
                {
                    query.Add(s.Layout, s.Start, s.LeftLength);
                    _waiting.Add(s);
                    return;
                }

                left = 0;
                _aliceParity[leftKey] = 0;
            }

            int rightStart = s.Start + s.LeftLength, rightLength = s.Length - s.LeftLength;
            if (left != state.BobParity(s.Start, s.LeftLength))
            {
                s.Length = s.LeftLength;
            }
            else
            {
                _aliceParity[CascadeRange.Key(s.Layout, rightStart, rightLength)] = (byte)(alice ^ left);
                s.Start = rightStart;
                s.Length = rightLength;
            }
        }
    }

    private void Flip(int framePosition)
    {
        _key.Flip(framePosition);
        CorrectedBits++;
        foreach (var state in _layouts)
        {
            int block = state.ApplyFlip(framePosition);
            if (block >= 0 && state.ErrorOdd[block] && !state.Searching[block])
            {
                StartSearch(state, block);
            }
        }
    }

    private sealed class RangeList
    {
        public List<int> Layouts { get; } = new();

        public List<int> Starts { get; } = new();

        public List<int> Lengths { get; } = new();

        public int Count => Layouts.Count;

        public void Add(int layout, int start, int length)
        {
            Layouts.Add(layout);
            Starts.Add(start);
            Lengths.Add(length);
        }
    }
}
