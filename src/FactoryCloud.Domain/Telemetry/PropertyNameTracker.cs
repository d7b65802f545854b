using System.Buffers;
using System.Text.Json;

namespace FactoryCloud.Domain.Telemetry;

/// <summary>
/// Finds duplicate property names in every JSON object of one payload, comparing unescaped names, in linear time and
/// without allocating: names live in pooled buffers, in a hash table (randomly seeded hash) whose entries are popped
/// when their object ends. Dispose to return the buffers.
/// </summary>
internal ref struct PropertyNameTracker
{
    private const int MaxObjectDepth = 65;
    private const int EntryWidth = 4; // name offset, name length, hash, next entry in bucket

    private readonly byte[] _names;
    private readonly int[] _entries;
    private readonly int[] _buckets;
    private readonly int[] _objectStarts;
    private readonly int _bucketMask;
    private int _count;
    private int _namesLength;
    private int _depth;

    public PropertyNameTracker(int payloadLength)
    {
        // Every property takes at least 4 bytes ("":0), so this bounds the number of names.
        var maxEntries = (payloadLength / 4) + 1;
        var bucketCount = (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)maxEntries));
        _names = ArrayPool<byte>.Shared.Rent(Math.Max(1, payloadLength));
        _entries = ArrayPool<int>.Shared.Rent(maxEntries * EntryWidth);
        _buckets = ArrayPool<int>.Shared.Rent(bucketCount);
        _objectStarts = ArrayPool<int>.Shared.Rent(MaxObjectDepth);
        _bucketMask = bucketCount - 1;
        _buckets.AsSpan(0, bucketCount).Fill(-1);
    }

    public void EnterObject()
    {
        if (_depth < MaxObjectDepth) _objectStarts[_depth] = _count;
        _depth++;
    }

    public void ExitObject()
    {
        _depth--;
        if (_depth >= MaxObjectDepth) return;
        var start = _objectStarts[_depth];
        // Entries were pushed onto the head of their bucket chains, so popping in reverse restores the chains.
        for (var i = _count - 1; i >= start; i--)
        {
            var entry = i * EntryWidth;
            _buckets[_entries[entry + 2] & _bucketMask] = _entries[entry + 3];
        }
        if (start < _count) _namesLength = _entries[start * EntryWidth];
        _count = start;
    }

    /// <summary>
    /// Adds the current property name to the innermost object; false when that object already has it.
    /// Throws <see cref="InvalidOperationException"/> when the name escapes a lone surrogate.
    /// </summary>
    public bool TryAdd(ref Utf8JsonReader reader, out ReadOnlySpan<byte> duplicate)
    {
        duplicate = default;
        var offset = _namesLength;
        var length = reader.CopyString(_names.AsSpan(offset));
        var name = _names.AsSpan(offset, length);
        var hasher = default(HashCode);
        hasher.AddBytes(name);
        var hash = hasher.ToHashCode();
        var objectStart = _depth is > 0 and <= MaxObjectDepth ? _objectStarts[_depth - 1] : 0;

        for (var i = _buckets[hash & _bucketMask]; i >= objectStart; i = _entries[(i * EntryWidth) + 3])
        {
            var entry = i * EntryWidth;
            if (_entries[entry + 2] == hash && _names.AsSpan(_entries[entry], _entries[entry + 1]).SequenceEqual(name))
            {
                duplicate = name;
                return false;
            }
        }

        var added = _count * EntryWidth;
        _entries[added] = offset;
        _entries[added + 1] = length;
        _entries[added + 2] = hash;
        _entries[added + 3] = _buckets[hash & _bucketMask];
        _buckets[hash & _bucketMask] = _count;
        _count++;
        _namesLength += length;
        return true;
    }

    /// <summary>Unescapes the current string value to check it; throws <see cref="InvalidOperationException"/> for a lone surrogate.</summary>
    public readonly void ValidateEscapedString(ref Utf8JsonReader reader) => reader.CopyString(_names.AsSpan(_namesLength));

    public readonly void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_names);
        ArrayPool<int>.Shared.Return(_entries);
        ArrayPool<int>.Shared.Return(_buckets);
        ArrayPool<int>.Shared.Return(_objectStarts);
    }
}
