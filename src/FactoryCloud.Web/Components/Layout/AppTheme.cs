using MudBlazor;

namespace FactoryCloud.Web.Components.Layout;

public static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        // Text on these colours (white on filled buttons and chips, the colour itself on white) reaches WCAG AA's 4.5:1;
        // MudBlazor's defaults for secondary, success, error and info do not.
        PaletteLight = new PaletteLight
        {
            Primary = "#1565c0", Secondary = "#00796b", AppbarBackground = "#0d47a1",
            Success = "#2e7d32", Error = "#d32f2f", Info = "#0277bd", Warning = "#b45309",
        },
        PaletteDark = new PaletteDark { Primary = "#64b5f6", Secondary = "#4db6ac" },
    };
}
