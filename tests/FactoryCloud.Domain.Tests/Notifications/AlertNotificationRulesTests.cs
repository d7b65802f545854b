using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Notifications;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Tenancy;

namespace FactoryCloud.Domain.Tests.Notifications;

public sealed class AlertNotificationRulesTests
{
    private static readonly DateTimeOffset Told = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    private static AlertNotificationPolicy Policy(int? escalate = null, int? repeat = null) => new()
    {
        Channels = [NotificationChannel.Email], Recipients = ["role:PlantManager"], EscalationRecipients = escalate is null ? [] : ["role:Owner"],
        EscalateAfterMinutes = escalate, RepeatEveryMinutes = repeat,
    };

    [Fact]
    public void AnUnacknowledgedAlertEscalatesOnceAfterNMinutesThenRepeatsEveryM()
    {
        var policy = Policy(escalate: 15, repeat: 30);
        Assert.Null(AlertNoticeSchedule.Due(policy, true, Told, null, Told, Told.AddMinutes(14)));
        Assert.Equal(AlertNoticeEvent.Escalated, AlertNoticeSchedule.Due(policy, true, Told, null, Told, Told.AddMinutes(15)));
        var escalated = Told.AddMinutes(15);
        Assert.Null(AlertNoticeSchedule.Due(policy, true, Told, escalated, escalated, Told.AddMinutes(44)));
        Assert.Equal(AlertNoticeEvent.Repeated, AlertNoticeSchedule.Due(policy, true, Told, escalated, escalated, Told.AddMinutes(45)));
    }

    [Fact]
    public void NothingIsDueForAnAcknowledgedAlertOrOneNobodyWasToldOf()
    {
        var policy = Policy(escalate: 1, repeat: 1);
        Assert.Null(AlertNoticeSchedule.Due(policy, open: false, Told, null, Told, Told.AddHours(1)));
        Assert.Null(AlertNoticeSchedule.Due(policy, open: true, null, null, null, Told.AddHours(1)));
        Assert.Null(AlertNoticeSchedule.Due(new AlertNotificationPolicy { RepeatEveryMinutes = 1 }, true, Told, null, Told, Told.AddHours(1))); // bell only
    }

    [Fact]
    public void QuietHoursFollowTheSitesShiftsAndHoldUntilTheNextShift()
    {
        var calendar = new WeeklyShiftCalendar([new ShiftPattern(DayOfWeek.Monday, new TimeOnly(6, 0), new TimeOnly(14, 0))], TimeZoneInfo.Utc);
        var quiet = new AlertNotificationPolicy { Channels = [NotificationChannel.Webhook], QuietOutsideShifts = true };
        var sundayNight = new DateTimeOffset(2026, 12, 6, 23, 0, 0, TimeSpan.Zero);
        Assert.True(AlertNoticeSchedule.IsQuiet(quiet, calendar, sundayNight));
        Assert.False(AlertNoticeSchedule.IsQuiet(quiet, calendar, sundayNight.AddHours(8))); // Monday 07:00
        Assert.False(AlertNoticeSchedule.IsQuiet(new AlertNotificationPolicy { QuietOutsideShifts = false }, calendar, sundayNight));
        Assert.False(AlertNoticeSchedule.IsQuiet(quiet, new WeeklyShiftCalendar([], TimeZoneInfo.Utc), sundayNight)); // no calendar: never quiet
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero), AlertNoticeSchedule.NextShiftStart(calendar, sundayNight));
    }

    [Fact]
    public void APolicyIsCheckedFieldByField()
    {
        Assert.Empty(AlertNotificationPolicy.Check([NotificationChannel.Email], ["role:Owner"], ["team:" + Guid.NewGuid()], 10, 30));
        var errors = AlertNotificationPolicy.Check([NotificationChannel.Email], [], [], 10, 0);
        Assert.Contains(errors, e => e.Field == "Recipients");
        Assert.Contains(errors, e => e.Field == "EscalationRecipients");
        Assert.Contains(errors, e => e.Field == "RepeatEveryMinutes");
        Assert.Contains(AlertNotificationPolicy.Check([NotificationChannel.InApp], [], [], null, 5), e => e.Field == "Channels");
        Assert.Contains(AlertNotificationPolicy.Check([NotificationChannel.Webhook], ["boss"], [], null, null), e => e.Field == "Recipients");
    }

    [Theory]
    [InlineData("role:PlantManager", AlertRecipientKind.Role)]
    [InlineData("ROLE:owner", AlertRecipientKind.Role)]
    [InlineData("member:0193c2a0-0000-7000-8000-000000000001", AlertRecipientKind.Member)]
    [InlineData("team:0193c2a0-0000-7000-8000-000000000002", AlertRecipientKind.Team)]
    public void RecipientsParseAndRoundTrip(string text, AlertRecipientKind kind)
    {
        var parsed = AlertRecipient.Parse(text)!.Value;
        Assert.Equal(kind, parsed.Kind);
        Assert.Equal(parsed, AlertRecipient.Parse(parsed.ToString()));
    }

    [Theory]
    [InlineData("role:3")]
    [InlineData("role:Boss")]
    [InlineData("member:00000000-0000-0000-0000-000000000000")]
    [InlineData("team:")]
    [InlineData("nobody")]
    public void NonsenseRecipientsDoNotParse(string text) => Assert.Null(AlertRecipient.Parse(text));

    [Fact]
    public void ASignatureVerifiesOnlyForTheSameSecretBodyAndARecentTimestamp()
    {
        var secret = WebhookSignature.NewSecret();
        var now = DateTimeOffset.UtcNow;
        var ts = now.ToUnixTimeSeconds();
        var signature = WebhookSignature.Sign(secret, ts, "{\"a\":1}");
        Assert.StartsWith("sha256=", signature, StringComparison.Ordinal);
        Assert.True(WebhookSignature.Verify(secret, ts.ToString(System.Globalization.CultureInfo.InvariantCulture), "{\"a\":1}", signature, now));
        Assert.False(WebhookSignature.Verify(secret, ts.ToString(System.Globalization.CultureInfo.InvariantCulture), "{\"a\":2}", signature, now));
        Assert.False(WebhookSignature.Verify(WebhookSignature.NewSecret(), ts.ToString(System.Globalization.CultureInfo.InvariantCulture), "{\"a\":1}", signature, now));
        Assert.False(WebhookSignature.Verify(secret, ts.ToString(System.Globalization.CultureInfo.InvariantCulture), "{\"a\":1}", signature, now.AddMinutes(6)));
    }

    [Theory]
    [InlineData("https://hooks.slack.com/services/T/B/X", true)]
    [InlineData("http://receiver.factory.local:8080/hook", true)]
    [InlineData("ftp://hooks.example.com/x", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("gopher://hooks.example.com", false)]
    [InlineData("https://user:pw@hooks.example.com", false)]
    [InlineData("hooks.example.com/x", false)]
    public void OnlyHttpAndHttpsAddressesWithoutCredentialsAreAccepted(string url, bool accepted) =>
        Assert.Equal(accepted, WebhookUrl.Problem(url) is null);

    [Fact]
    public void RolesAreNamedInRecipients() => Assert.Equal("role:PlantManager", AlertRecipient.ForRole(TenantRole.PlantManager).ToString());
}
