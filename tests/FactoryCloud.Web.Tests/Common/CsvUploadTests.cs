using System.Text;
using FactoryCloud.Web.Common;

namespace FactoryCloud.Web.Tests.Common;

/// <summary>The CSV body is read as it arrives and reading stops at the row limit, however long the body is.</summary>
public sealed class CsvUploadTests
{
    [Fact]
    public async Task AnEndlessFileIsRefusedAfterReadingLittleMoreThanTheAllowedRows()
    {
        using var body = new EndlessRows();

        var result = await CsvUpload.ReadAsync(body, maxRows: 1000, TestContext.Current.CancellationToken);

        Assert.Equal("At most 1000 rows at once.", result.Failure?.Message);
        Assert.InRange(body.BytesRead, 1000 * EndlessRows.RowLength, 1000 * EndlessRows.RowLength + 64 * 1024);
    }

    [Theory]
    [InlineData("Title\nA\nB\nC\n", true)]
    [InlineData("Title\r\nA\r\nB\r\nC", true)]
    [InlineData("Title\nA\n\n,,\nB\nC\n\n", true)] // blank and empty rows are not rows
    [InlineData("Title\n\"A\nstill A\"\nB\nC\n", true)] // a quoted line break does not end a row
    [InlineData("Title\nA\nB\nC\nD\n", false)]
    [InlineData("Title\nA\nB\nC\nD", false)]
    public async Task ExactlyTheAllowedRowsAreReadWhole(string csv, bool accepted)
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(csv));

        var result = await CsvUpload.ReadAsync(body, maxRows: 3, TestContext.Current.CancellationToken);

        Assert.Equal(accepted, result.Succeeded);
        if (accepted) Assert.Equal(csv, result.Value);
    }

    /// <summary>A header, then the same short row forever, counting what was read.</summary>
    private sealed class EndlessRows : Stream
    {
        private static readonly byte[] Header = "Title,Estimate\n"u8.ToArray();
        private static readonly byte[] Row = "Row,3\n"u8.ToArray();
        public static int RowLength => Row.Length;

        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++, BytesRead++)
                buffer[offset + i] = BytesRead < Header.Length ? Header[BytesRead] : Row[(BytesRead - Header.Length) % Row.Length];
            return count;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
