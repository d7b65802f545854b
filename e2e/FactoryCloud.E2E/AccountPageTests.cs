using FactoryCloud.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FactoryCloud.E2E;

/// <summary>The statically rendered account forms tell people what went wrong, next to the form.</summary>
public sealed class AccountPageTests(E2EHost host)
{
    [Fact]
    public async Task SignInWithWrongPasswordShowsTheErrorAndStaysSignedOut()
    {
        var suffix = Ui.UniqueSuffix();
        var email = $"wanda-{suffix}@example.test";

        await using var session = new BrowserSession(host);
        await session.RunAsync(async () =>
        {
            var setup = await session.OpenAsync("setup");
            await Ui.SignUpAsync(setup, $"Wrong Password Ltd {suffix}", "Wanda", email);

            var visitor = await session.OpenAsync("visitor");
            await Ui.SignInAsync(visitor, email, "Not-The-Password-1");

            await Expect(visitor.GetByTestId("login-error")).ToHaveTextAsync("The email address or password is not correct, or the address is not confirmed yet.");
            await Expect(visitor).ToHaveURLAsync(Ui.LoginUrl());
            await Expect(visitor.Locator("#email")).ToHaveValueAsync(email);

            // Still anonymous: a protected page sends the visitor back to sign in.
            await visitor.GotoAsync("settings/members");
            await Expect(visitor).ToHaveURLAsync(Ui.LoginUrl());
        });
    }

    [Fact]
    public async Task EmptySignUpShowsInlineValidationMessagesForEachRequiredField()
    {
        await using var session = new BrowserSession(host);
        await session.RunAsync(async () =>
        {
            var page = await session.OpenAsync("visitor");
            await page.GotoAsync("account/signup");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create organisation" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signup$"));
            await Expect(MessageFor(page, "organization")).ToHaveTextAsync("Enter your organisation's name.");
            await Expect(MessageFor(page, "email")).ToHaveTextAsync("Enter your email address.");
            await Expect(MessageFor(page, "password")).ToHaveTextAsync("Choose a password.");
            // The optional name has nothing to complain about.
            await Expect(MessageFor(page, "name")).ToHaveCountAsync(0);
        });
    }

    /// <summary>The validation message rendered inside the field's block, under the input.</summary>
    private static ILocator MessageFor(IPage page, string inputId) =>
        page.Locator(".account-field").Filter(new() { Has = page.Locator($"#{inputId}") }).Locator(".validation-message");
}
