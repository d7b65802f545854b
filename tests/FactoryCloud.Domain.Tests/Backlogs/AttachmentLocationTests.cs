using FactoryCloud.Domain.Backlogs;
using Xunit;

namespace FactoryCloud.Domain.Tests.Backlogs;

public sealed class AttachmentLocationTests
{
    [Theory]
    [InlineData("https://acme.sharepoint.com/sites/line4/spec.pdf")]
    [InlineData("http://fileserver.local/drawings/press-7.dwg")]
    public void AnHttpAddressIsALink(string location)
    {
        Assert.True(AttachmentLocation.IsLink(location));
        Assert.Null(AttachmentLocation.Problem(location));
    }

    [Theory]
    [InlineData("attachments/2026/spec.pdf")]
    [InlineData("/container/spec.pdf")]
    [InlineData("spec v2.pdf")]
    public void AStorageKeyIsAcceptedButNotALink(string location)
    {
        Assert.False(AttachmentLocation.IsLink(location));
        Assert.Null(AttachmentLocation.Problem(location));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData(" JavaScript:alert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD4=")]
    [InlineData("file:///etc/passwd")]
    [InlineData("C:\\specs\\spec.pdf")]
    public void OtherSchemesAreRefused(string location)
    {
        Assert.False(AttachmentLocation.IsLink(location));
        Assert.Equal("A link starts with http:// or https://; a storage key has no scheme.", AttachmentLocation.Problem(location));
    }
}
