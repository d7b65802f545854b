using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;

namespace FactoryCloud.Web.Features.Dashboards;

/// <summary>
/// A machine tile as one piece of HTML, rendered once per tile of an overview and shared by every circuit showing
/// that overview (<see cref="SharedPlantOverviews"/>): a circuit's render tree then keeps one frame per tile instead of
/// some twenty frames and its own copies of the tile's strings, which with hundreds of tiles and open dashboards is
/// most of a circuit's memory. Every value is HTML-encoded.
/// </summary>
public static class MachineTileMarkup
{
    private static readonly ConditionalWeakTable<MachineTile, string> Rendered = [];

    public static MarkupString Of(MachineTile tile) => new(Rendered.GetValue(tile, Render));

    private static string Render(MachineTile tile)
    {
        var html = HtmlEncoder.Default;
        var look = tile.Look;
        return $"<a data-testid=\"machine-tile\" data-machine-id=\"{tile.Id}\" data-state=\"{html.Encode(look.Label)}\" " +
               $"href=\"/dashboards/machines/{tile.Id}\" title=\"{html.Encode(tile.Key)}\" " +
               $"style=\"display:block;text-decoration:none;background:{look.Color};color:{look.TextColor};border-radius:8px;padding:12px;min-width:10rem\">" +
               $"<div style=\"font-weight:600\">{html.Encode(tile.Name)}</div>" +
               $"<div>{html.Encode(look.Label)} · {html.Encode(OverviewFormat.Duration(tile.TimeInState))}</div>" +
               $"<div style=\"font-size:0.85em\" data-testid=\"tile-oee\">OEE {html.Encode(OverviewFormat.Oee(tile.Oee))}</div>" +
               $"<div style=\"font-size:0.85em\" data-testid=\"tile-top-loss\">Top loss: {html.Encode(OverviewFormat.Loss(tile.Kpis.TopLoss))}</div></a>";
    }
}
