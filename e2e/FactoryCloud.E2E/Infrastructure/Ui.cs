using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FactoryCloud.E2E.Infrastructure;

/// <summary>The steps the journeys share, written the way a person does them: through the UI.</summary>
public static partial class Ui
{
    /// <summary>Meets the password rules: at least 12 characters, not a common password.</summary>
    public const string Password = "Factory-Cloud-2026";

    /// <summary>A suffix that keeps each test's organisation and people apart in the shared database.</summary>
    public static string UniqueSuffix() => Guid.NewGuid().ToString("N")[..8];

    public static async Task SignUpAsync(IPage page, string organisation, string name, string email, string password = Password)
    {
        await page.GotoAsync("account/signup");
        await page.Locator("#organization").FillAsync(organisation);
        await page.Locator("#name").FillAsync(name);
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create organisation" }).ClickAsync();
        // Sign-up answers "check your email" for every address; without a mail server the address needs no confirmation.
        await Expect(page.GetByTestId("signup-sent")).ToBeVisibleAsync();
        await SignInAsync(page, email, password);
        await ExpectHomeOfAsync(page, organisation);
    }

    public static async Task SignInAsync(IPage page, string email, string password = Password)
    {
        await page.GotoAsync("account/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Signs out through the app bar's user menu (which posts the hidden sign-out form).</summary>
    public static async Task SignOutAsync(IPage page)
    {
        var signOut = page.GetByTestId("sign-out");
        await ClickUntilVisibleAsync(page.GetByTestId("user-menu").First, signOut);
        await signOut.ClickAsync();
        await Expect(page).ToHaveURLAsync(LoginUrl());
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    /// <summary>The home page of a signed-in member shows the organisation's name as its heading.</summary>
    public static async Task ExpectHomeOfAsync(IPage page, string organisation)
    {
        await Expect(page).ToHaveURLAsync(HomeUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(organisation);
    }

    /// <summary>
    /// Clicks an interactive control until <paramref name="appears"/> shows. The page is prerendered, so controls are
    /// visible before the Blazor circuit is connected, and a click then does nothing: a response proves interactivity.
    /// </summary>
    public static async Task ClickUntilVisibleAsync(ILocator control, ILocator appears, int timeoutMs = 20_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            if (await appears.First.IsVisibleAsync()) return;
            try
            {
                await control.ClickAsync(new() { Timeout = 5_000 });
                await appears.First.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 1_500 });
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
                // Not interactive yet, or the click landed during a re-render (or on an overlay that the first
                // click opened late): look again and retry.
            }
        }
    }

    /// <summary>
    /// Opens and closes the user menu: once it responds the circuit is live, so a button that opens a dialog is
    /// clicked exactly once (clicking it until the dialog shows could open two), and a checkbox clicked is not lost.
    /// </summary>
    public static async Task WaitUntilInteractiveAsync(IPage page)
    {
        var menu = page.GetByTestId("user-menu").First;
        await ClickUntilVisibleAsync(menu, page.GetByTestId("sign-out"));
        await page.Keyboard.PressAsync("Escape");
        if (await page.GetByTestId("sign-out").IsVisibleAsync()) await menu.ClickAsync(new() { Force = true });
        await Expect(page.GetByTestId("sign-out")).ToBeHiddenAsync();
    }

    /// <summary>
    /// Opens the navigation drawer with the app bar's menu button on a phone and expects <paramref name="link"/> wholly
    /// on the screen (after scrolling the drawer to it). The page is prerendered with the drawer open but hidden by CSS (MudBlazor's initial state below
    /// its breakpoint, <c>mud-drawer--open mud-drawer--initial</c>); once the circuit knows the screen is narrow the
    /// drawer closes itself (<c>mud-drawer--closed</c>). A tap before that flips the hidden drawer to closed and shows
    /// nothing, so this waits for the closed drawer and then taps once.
    /// </summary>
    public static async Task OpenDrawerAsync(IPage page, ILocator link)
    {
        await Expect(page.Locator(".mud-drawer").First).ToHaveClassAsync(DrawerClosed());
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        // The drawer scrolls when its links are longer than the screen: reachable means on screen once scrolled to.
        await link.ScrollIntoViewIfNeededAsync();
        await Expect(link).ToBeInViewportAsync(new() { Ratio = 1 });
    }

    /// <summary>Picks <paramref name="option"/> in a MudSelect.</summary>
    public static async Task SelectAsync(IPage page, ILocator select, string option)
    {
        var choice = page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true });
        await ClickUntilVisibleAsync(select, choice);
        await choice.ClickAsync();
        await Expect(choice).ToBeHiddenAsync();
    }

    /// <summary>
    /// Expects a MudSelect to show <paramref name="option"/> as its value. A journey whose choice is made already (the
    /// only product of an organisation) checks it rather than picking it again, as a person would: picking the option
    /// already chosen is a path of MudSelect's that once left its list open in a full run (the option stayed visible
    /// for 10 s after its click).
    /// </summary>
    public static async Task ExpectChosenAsync(ILocator select, string option) => await Expect(select).ToHaveTextAsync(option);

    public static Regex HomeUrl() => HomeUrlPattern();

    public static Regex LoginUrl() => LoginUrlPattern();

    [GeneratedRegex(@"\bmud-drawer--closed\b")]
    private static partial Regex DrawerClosed();

    [GeneratedRegex(@"^https?://[^/]+/$")]
    private static partial Regex HomeUrlPattern();

    [GeneratedRegex(@"/account/login(\?.*)?$")]
    private static partial Regex LoginUrlPattern();
}
