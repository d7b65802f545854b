using System.Text;
using FactoryCloud.Domain.Files;
using Xunit;

namespace FactoryCloud.Domain.Tests.Files;

public sealed class FileTypesTests
{
    [Theory]
    [InlineData("%PDF-1.7\n%âãÏÓ", "spec.pdf", "application/pdf")]
    [InlineData("%PDF-1.4", "named-wrongly.txt", "application/pdf")]
    [InlineData("GIF89a\u0001\u0000", "a.gif", "image/gif")]
    [InlineData("machine;good;scrap\nm-1;3;0\n", "counts.csv", "text/plain; charset=utf-8")]
    [InlineData("\uFEFFnotes: the gearbox was replaced", "notes.txt", "text/plain; charset=utf-8")]
    [InlineData("{\"oee\": 0.71}", "figures.json", "text/plain; charset=utf-8")]
    public void AFileIsTakenForWhatItsContentIs(string content, string name, string expected) =>
        Assert.Equal(expected, FileTypes.Sniff(Encoding.UTF8.GetBytes(content), name)?.ContentType);

    [Fact]
    public void BinaryImagesAreRecognisedByTheirSignatures()
    {
        Assert.Equal(FileTypes.Png, FileTypes.Sniff([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], "x"));
        Assert.Equal(FileTypes.Jpeg, FileTypes.Sniff([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], "photo.jpeg"));
        Assert.Equal(FileTypes.Webp, FileTypes.Sniff([.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8 "u8], "a.webp"));
    }

    [Theory]
    [InlineData("report.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("Plan.XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("deck.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation")]
    [InlineData("photos.zip", "application/zip")]
    [InlineData("page.html", "application/zip")]
    public void AZipContainerIsAnOfficeFileByItsExtensionAndOtherwiseAZip(string name, string expected) =>
        Assert.Equal(expected, FileTypes.Sniff([(byte)'P', (byte)'K', 3, 4, 20, 0], name)?.ContentType);

    [Theory]
    [InlineData("<!DOCTYPE html><script>alert(1)</script>", "report.pdf")]
    [InlineData("  \n<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "diagram.png")]
    [InlineData("\uFEFF<html>", "notes.txt")]
    [InlineData("<?xml version=\"1.0\"?><x/>", "data.csv")]
    public void MarkupIsRefusedWhateverItIsCalled(string content, string name) =>
        Assert.Null(FileTypes.Sniff(Encoding.UTF8.GetBytes(content), name));

    [Fact]
    public void ExecutablesArbitraryBinariesAndEmptyFilesAreRefused()
    {
        Assert.Null(FileTypes.Sniff([(byte)'M', (byte)'Z', 0x90, 0, 3, 0], "tool.exe"));
        Assert.Null(FileTypes.Sniff([0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1], "run.txt"));
        Assert.Null(FileTypes.Sniff([0xC3, 0x28, (byte)'a'], "bad-utf8.txt"));
        Assert.Null(FileTypes.Sniff([], "empty.txt"));
    }

    [Fact]
    public void TextWhoseLastCharacterIsCutByTheHeadIsStillText()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('a', FileTypes.HeadLength - 1) + "é");
        Assert.Equal(FileTypes.Text, FileTypes.Sniff(bytes.AsSpan(0, FileTypes.HeadLength), "long.txt"));
    }
}
