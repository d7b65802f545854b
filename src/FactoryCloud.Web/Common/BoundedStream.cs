namespace FactoryCloud.Web.Common;

/// <summary>Thrown by <see cref="BoundedStream"/> when more than its limit was read.</summary>
public sealed class FileTooLargeException(long limit) : IOException($"The content is longer than {limit} bytes.");

/// <summary>
/// Reads <c>first</c> then <c>rest</c> as one stream, counting: past <c>limit</c> bytes it throws
/// <see cref="FileTooLargeException"/>, so an upload is refused while it streams, before it is all read or stored.
/// </summary>
public sealed class BoundedStream(Stream first, Stream rest, long limit) : Stream
{
    private long _read;
    private bool _firstDone;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;

    /// <summary>The bytes read so far (the whole length once read to the end).</summary>
    public override long Length => _read;

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = 0;
        if (!_firstDone && (n = first.Read(buffer)) == 0) _firstDone = true;
        if (_firstDone) n = rest.Read(buffer);
        return Count(n);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = 0;
        if (!_firstDone && (n = await first.ReadAsync(buffer, cancellationToken)) == 0) _firstDone = true;
        if (_firstDone) n = await rest.ReadAsync(buffer, cancellationToken);
        return Count(n);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int n)
    {
        _read += n;
        if (_read > limit) throw new FileTooLargeException(limit);
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) first.Dispose();
        base.Dispose(disposing);
    }
}
