using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Domain.MachineHistory;

/// <summary>
/// What a <see cref="MachinePlannedDay"/> depends on: the site's time zone and shift patterns (as
/// <c>WeeklyShiftCalendar</c> reads them: whole minutes) and the loss settings its bucket sums were classified with.
/// Any change of either gives another key, and rows under another key are not read.
/// </summary>
public static class PlannedDayKey
{
    public const int Length = 32;

    public static string Of(string timeZone, IEnumerable<ShiftPattern> shifts, string lossSumsKey)
    {
        var text = new StringBuilder(timeZone).Append('#').Append(lossSumsKey);
        foreach (var s in shifts.OrderBy(s => s.Kind).ThenBy(s => s.Day).ThenBy(s => s.Start).ThenBy(s => s.End))
        {
            text.Append('|').Append((int)s.Kind).Append(',').Append((int)s.Day).Append(',')
                .Append(s.Start.ToString("HH:mm", CultureInfo.InvariantCulture)).Append('-')
                .Append(s.End.ToString("HH:mm", CultureInfo.InvariantCulture));
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())), 0, Length / 2);
    }
}
