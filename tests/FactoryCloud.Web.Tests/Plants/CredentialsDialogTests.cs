using Bunit;
using FactoryCloud.Web.Features.Plants;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FactoryCloud.Web.Tests.Plants;

public sealed class CredentialsDialogTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static readonly DeviceCredentials Credentials = new(
        Guid.NewGuid(), "acme-press-1-abc", "acme.abc", "s3cret-pass", "fc/acme/lyon/assembly/line-1/press-1/#", "mqtt.acme.example", 8883, Tls: true);

    [Fact]
    public async Task EachValueHasACopyButtonThatPutsItOnTheClipboard()
    {
        await using var ctx = WebTestContext.Create();
        var copy = ctx.JSInterop.Setup<bool>("factoryCloud.copyText", "s3cret-pass");
        copy.SetResult(true);
        var dialogs = MembersScenario.RenderProviders(ctx);
        var snackbar = ctx.Services.GetRequiredService<ISnackbar>();
        await dialogs.InvokeAsync(() => ctx.Services.GetRequiredService<IDialogService>().ShowAsync<CredentialsDialog>("Device credentials",
            new DialogParameters<CredentialsDialog> { { d => d.Credentials, Credentials } }));
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=cred-password]"), Patience);

        foreach (var what in new[] { "host", "port", "client id", "username", "password", "topic filter", "example command" })
            Assert.NotNull(dialogs.Find($"button[aria-label='Copy {what}']"));
        await dialogs.Find("button[aria-label='Copy password']").ClickAsync(new());

        Assert.Single(copy.Invocations);
        dialogs.WaitForAssertion(() => Assert.Contains(snackbar.ShownSnackbars, s => s.Message == "Copied the password."), Patience);
        Assert.Equal("8883", dialogs.Find("[data-testid=cred-port]").TextContent);
    }

    [Fact]
    public async Task WhenTheBrowserRefusesTheCopyItSaysToCopyByHand()
    {
        await using var ctx = WebTestContext.Create();
        ctx.JSInterop.Setup<bool>("factoryCloud.copyText", _ => true).SetResult(false);
        var dialogs = MembersScenario.RenderProviders(ctx);
        var snackbar = ctx.Services.GetRequiredService<ISnackbar>();
        await dialogs.InvokeAsync(() => ctx.Services.GetRequiredService<IDialogService>().ShowAsync<CredentialsDialog>("Device credentials",
            new DialogParameters<CredentialsDialog> { { d => d.Credentials, Credentials } }));
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=cred-password]"), Patience);

        await dialogs.Find("button[aria-label='Copy username']").ClickAsync(new());

        dialogs.WaitForAssertion(() => Assert.Contains(snackbar.ShownSnackbars, s => s.Message != null && s.Message.Contains("select the username and copy it by hand", StringComparison.Ordinal)), Patience);
    }
}
