namespace FactoryCloud.Infrastructure.Mqtt;

/// <summary>
/// Reads an MQTT connection's bytes and follows its framing (fixed header, remaining length, body), refusing a packet
/// that declares more than the maximum size as soon as its remaining length is read: MQTTnet would otherwise read
/// the whole declared body into memory (a 32 MiB CONNECT from a stranger included) before anyone could look at it.
/// </summary>
public sealed class MqttFrameGuardStream(Stream inner, int maxPacketSize, Action<long> tooLarge) : Stream
{
    private enum Part { Header, Length, Body }

    private Part _part = Part.Header;
    private long _length;
    private int _lengthBytes;
    private long _remaining;
    private long _bytesRead;

    /// <summary>Bytes read from the connection (after TLS).</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _bytesRead, read);
        Follow(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        Interlocked.Add(ref _bytesRead, read);
        Follow(buffer.AsSpan(offset, read));
        return read;
    }

    private void Follow(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            switch (_part)
            {
                case Part.Header:
                    i++;
                    (_part, _length, _lengthBytes) = (Part.Length, 0, 0);
                    break;
                case Part.Length:
                    var b = bytes[i++];
                    _length |= (long)(b & 0x7f) << (7 * _lengthBytes++);
                    if ((b & 0x80) != 0)
                    {
                        if (_lengthBytes == 4) throw new PacketTooLargeException("Malformed remaining length.");
                        break;
                    }
                    // The fixed header is at most five bytes: the packet is the header plus its remaining length.
                    if (_length + 1 + _lengthBytes > maxPacketSize)
                    {
                        tooLarge(_length + 1 + _lengthBytes);
                        throw new PacketTooLargeException($"A packet of {_length + 1 + _lengthBytes} bytes is larger than {maxPacketSize}.");
                    }
                    _remaining = _length;
                    _part = _remaining == 0 ? Part.Header : Part.Body;
                    break;
                default:
                    var take = (int)Math.Min(_remaining, bytes.Length - i);
                    i += take;
                    _remaining -= take;
                    if (_remaining == 0) _part = Part.Header;
                    break;
            }
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);
    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override void Flush() => inner.Flush();
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>A packet over <see cref="BrokerLimits.MaxPacketSize"/>: the connection is closed without reading it.</summary>
public sealed class PacketTooLargeException(string message) : IOException(message);
