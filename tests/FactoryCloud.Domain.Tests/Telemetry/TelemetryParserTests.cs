using System.Text;

using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Telemetry;

using Xunit;

using static FactoryCloud.Domain.Tests.Telemetry.TelemetryTestData;

namespace FactoryCloud.Domain.Tests.Telemetry;

public class TelemetryParserTests
{
    // ---- Valid messages ----

    [Fact]
    public void AcceptsStateMessage()
    {
        var result = Parse(TelemetryChannel.State, $$"""{"ts": "{{Ts}}", "seq": 17, "state": "running", "reason": "jam"}""");

        Assert.True(result.IsAccepted, result.ToString());
        Assert.Equal(RefusalReason.None, result.Reason);
        Assert.Equal("", result.Detail);
        var reading = Assert.IsType<StateReading>(result.Reading);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 11, 59, 0, TimeSpan.Zero), reading.Timestamp);
        Assert.Equal(17UL, reading.Sequence);
        Assert.Equal(MachineState.Running, reading.State);
        Assert.Equal("jam", reading.Reason);
        Assert.Equal(TelemetryChannel.State, reading.Channel);
    }

    [Theory]
    [InlineData("running", MachineState.Running)]
    [InlineData("idle", MachineState.Idle)]
    [InlineData("down", MachineState.Down)]
    [InlineData("changeover", MachineState.Changeover)]
    [InlineData("planned_stop", MachineState.PlannedStop)]
    [InlineData("offline", MachineState.Offline)]
    public void AcceptsEveryStateWireName(string wireName, MachineState expected)
    {
        var result = Parse(TelemetryChannel.State, $$"""{"ts": "{{Ts}}", "state": "{{wireName}}"}""");

        var reading = Assert.IsType<StateReading>(result.Reading);
        Assert.Equal(expected, reading.State);
        Assert.Null(reading.Sequence);
        Assert.Null(reading.Reason);
    }

    [Fact]
    public void AcceptsCountMessage()
    {
        var result = Parse(TelemetryChannel.Count, $$"""{"ts": "{{Ts}}", "seq": 18, "good": 12, "scrap": 1, "product": "sku-1"}""");

        var reading = Assert.IsType<CountReading>(result.Reading);
        Assert.Equal(18UL, reading.Sequence);
        Assert.Equal(12, reading.Good);
        Assert.Equal(1, reading.Scrap);
        Assert.Equal("sku-1", reading.Product);
        Assert.Equal(TelemetryChannel.Count, reading.Channel);
    }

    [Theory]
    [InlineData("""{"ts": "2025-03-01T11:59:00Z", "good": 5}""", 5, 0)]
    [InlineData("""{"ts": "2025-03-01T11:59:00Z", "scrap": 2}""", 0, 2)]
    [InlineData("""{"ts": "2025-03-01T11:59:00Z", "good": 0, "scrap": 0}""", 0, 0)]
    [InlineData("""{"ts": "2025-03-01T11:59:00Z", "good": 7, "scrap": null}""", 7, 0)]
    [InlineData("""{"ts": "2025-03-01T11:59:00Z", "good": -0}""", 0, 0)]
    [InlineData("""{"ts": "2025-03-01T11:59:00Z", "good": 9223372036854775807}""", long.MaxValue, 0)]
    public void AcceptsCountWithOneCountMissingAsZero(string json, long good, long scrap)
    {
        var reading = Assert.IsType<CountReading>(Parse(TelemetryChannel.Count, json).Reading);

        Assert.Equal(good, reading.Good);
        Assert.Equal(scrap, reading.Scrap);
        Assert.Null(reading.Product);
    }

    [Fact]
    public void AcceptsMeasureMessage()
    {
        var result = Parse(TelemetryChannel.Measure, $$$"""{"ts": "{{{Ts}}}", "seq": 19, "values": {"temperature_c": 71.5, "energy_kwh": 0.25}}""");

        var reading = Assert.IsType<MeasureReading>(result.Reading);
        Assert.Equal(19UL, reading.Sequence);
        Assert.Equal(2, reading.Values.Count);
        Assert.Equal(71.5, reading.Values["temperature_c"]);
        Assert.Equal(0.25, reading.Values["energy_kwh"]);
        Assert.Equal(TelemetryChannel.Measure, reading.Channel);
    }

    [Fact]
    public void AcceptsMeasureWithNegativeValuesExceptEnergy()
    {
        var reading = Assert.IsType<MeasureReading>(
            Parse(TelemetryChannel.Measure, $$$"""{"ts": "{{{Ts}}}", "values": {"temperature_c": -40, "energy_kwh": 0, "x": 1e-400, "y": 1.7976931348623157e308}}""").Reading);

        Assert.Equal(-40, reading.Values["temperature_c"]);
        Assert.Equal(0, reading.Values["energy_kwh"]);
        Assert.Equal(0, reading.Values["x"]);
        Assert.Equal(double.MaxValue, reading.Values["y"]);
    }

    [Fact]
    public void ReturnsMeasureValuesThatCannotBeModified()
    {
        var reading = Assert.IsType<MeasureReading>(Parse(TelemetryChannel.Measure, $$$"""{"ts": "{{{Ts}}}", "values": {"a": 1}}""").Reading);

        Assert.False(reading.Values is IDictionary<string, double> { IsReadOnly: false });
    }

    [Fact]
    public void NormalisesTimestampToUtc()
    {
        var reading = Parse(TelemetryChannel.State, """{"ts": "2025-03-01T12:59:00.250+01:00", "state": "idle"}""").Reading!;

        Assert.Equal(new DateTimeOffset(2025, 3, 1, 11, 59, 0, 250, TimeSpan.Zero), reading.Timestamp);
        Assert.Equal(TimeSpan.Zero, reading.Timestamp.Offset);
    }

    [Fact]
    public void IgnoresUnknownFields()
    {
        var result = Parse(TelemetryChannel.State, $$"""
            {"firmware": "2.1.0", "ts": "{{Ts}}", "extra": {"nested": [1, {"deep": null}], "b": true},
             "state": "down", "good": "not a count here", "values": 17, "STATE": 5}
            """);

        var reading = Assert.IsType<StateReading>(result.Reading);
        Assert.Equal(MachineState.Down, reading.State);
    }

    [Fact]
    public void TreatsNullOptionalFieldsAsAbsent()
    {
        var reading = Assert.IsType<StateReading>(
            Parse(TelemetryChannel.State, $$"""{"ts": "{{Ts}}", "seq": null, "state": "idle", "reason": null}""").Reading);

        Assert.Null(reading.Sequence);
        Assert.Null(reading.Reason);
    }

    [Fact]
    public void TreatsEmptyReasonAndProductAsAbsent()
    {
        var state = Assert.IsType<StateReading>(Parse(TelemetryChannel.State, $$"""{"ts": "{{Ts}}", "state": "idle", "reason": ""}""").Reading);
        var count = Assert.IsType<CountReading>(Parse(TelemetryChannel.Count, $$"""{"ts": "{{Ts}}", "good": 1, "product": ""}""").Reading);

        Assert.Null(state.Reason);
        Assert.Null(count.Product);
    }

    [Fact]
    public void MatchesEscapedFieldNamesAndValues()
    {
        var result = Parse(TelemetryChannel.State, """{"\u0074s": "2025-03-01T11:59:00\u005A", "st\u0061te": "planned\u005fstop", "reason": "\u00e9t\u00e9"}""");

        var reading = Assert.IsType<StateReading>(result.Reading);
        Assert.Equal(MachineState.PlannedStop, reading.State);
        Assert.Equal("été", reading.Reason);
    }

    [Fact]
    public void AcceptsPrettyPrintedPayload()
    {
        var result = Parse(TelemetryChannel.Count, $"{{\r\n\t\"ts\" : \"{Ts}\" ,\n  \"good\" :\t3\n}}\n");

        Assert.True(result.IsAccepted, result.ToString());
    }

    [Fact]
    public void ParsesTheSameReadingWhateverThePropertyOrder()
    {
        string[] properties = [$"\"ts\": \"{Ts}\"", "\"seq\": 5", "\"good\": 3", "\"scrap\": 1", "\"product\": \"sku-9\"", "\"note\": [1, 2]"];
        var expected = new CountReading(new DateTimeOffset(2025, 3, 1, 11, 59, 0, TimeSpan.Zero), 5, 3, 1, "sku-9");

        foreach (var order in Permutations(properties.Length))
        {
            var json = "{" + string.Join(", ", order.Select(i => properties[i])) + "}";
            Assert.Equal(expected, Parse(TelemetryChannel.Count, json).Reading);
        }
    }

    [Fact]
    public void ParsesMeasureValuesWhateverTheirOrder()
    {
        var a = Assert.IsType<MeasureReading>(Parse(TelemetryChannel.Measure, $$"""{"values": {"a": 1, "b": 2}, "ts": "{{Ts}}"}""").Reading);
        var b = Assert.IsType<MeasureReading>(Parse(TelemetryChannel.Measure, $$$"""{"ts": "{{{Ts}}}", "values": {"b": 2, "a": 1}}""").Reading);

        Assert.Equal(a.Values.OrderBy(v => v.Key), b.Values.OrderBy(v => v.Key));
    }

    // ---- Boundaries ----

    [Fact]
    public void AcceptsPayloadOfExactly8192Bytes()
    {
        var payload = Padded(TelemetryContract.MaxPayloadBytes);

        Assert.Equal(8192, payload.Length);
        Assert.True(TelemetryParser.Parse(TelemetryChannel.State, payload, Now).IsAccepted);
    }

    [Fact]
    public void RefusesPayloadOf8193Bytes()
    {
        var result = TelemetryParser.Parse(TelemetryChannel.State, Padded(TelemetryContract.MaxPayloadBytes + 1), Now);

        Assert.Equal(RefusalReason.PayloadTooLarge, result.Reason);
        Assert.Contains("8193", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesHugePayloadBeforeReadingIt()
    {
        var payload = new byte[1024 * 1024]; // zeros: neither UTF-8 text worth reading nor JSON

        Assert.Equal(RefusalReason.PayloadTooLarge, TelemetryParser.Parse(TelemetryChannel.State, payload, Now).Reason);
    }

    [Fact]
    public void Accepts32Values()
    {
        var reading = Assert.IsType<MeasureReading>(Parse(TelemetryChannel.Measure, MeasureWith(32)).Reading);

        Assert.Equal(32, reading.Values.Count);
    }

    [Fact]
    public void Refuses33Values()
    {
        Assert.Equal(RefusalReason.TooManyValues, Parse(TelemetryChannel.Measure, MeasureWith(33)).Reason);
    }

    [Theory]
    [InlineData("2025-03-01T12:05:00Z", RefusalReason.None)]
    [InlineData("2025-03-01T12:05:00.0000001Z", RefusalReason.TimestampInFuture)]
    [InlineData("2025-03-01T13:05:00+01:00", RefusalReason.None)]
    [InlineData("2025-03-01T13:05:01+01:00", RefusalReason.TimestampInFuture)]
    [InlineData("2025-02-22T12:00:00Z", RefusalReason.None)]
    [InlineData("2025-02-22T11:59:59.9999999Z", RefusalReason.TimestampTooOld)]
    [InlineData("9999-12-31T23:59:59Z", RefusalReason.TimestampInFuture)]
    [InlineData("9999-12-31T23:59:59-23:59", RefusalReason.TimestampInFuture)]
    [InlineData("0000-01-01T00:00:00Z", RefusalReason.TimestampTooOld)]
    [InlineData("0001-01-01T00:00:00+23:59", RefusalReason.TimestampTooOld)]
    public void AcceptsTimestampsUpTo5MinutesAheadAnd7DaysBehind(string ts, RefusalReason expected)
    {
        var result = Parse(TelemetryChannel.State, $$"""{"ts": "{{ts}}", "state": "idle"}""");

        Assert.Equal(expected, result.Reason);
    }

    [Theory]
    [InlineData("0", 0UL)]
    [InlineData("18446744073709551615", ulong.MaxValue)]
    public void AcceptsSequenceInUnsigned64BitRange(string seq, ulong expected)
    {
        var reading = Parse(TelemetryChannel.State, $$"""{"ts": "{{Ts}}", "seq": {{seq}}, "state": "idle"}""").Reading;

        Assert.Equal(expected, reading!.Sequence);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("18446744073709551616")]
    public void RefusesSequenceOutsideUnsigned64BitIntegers(string seq)
    {
        var result = Parse(TelemetryChannel.State, $$"""{"ts": "{{Ts}}", "seq": {{seq}}, "state": "idle"}""");

        Assert.Equal(RefusalReason.InvalidSequence, result.Reason);
    }

    [Fact]
    public void Accepts64CharacterReasonProductAndMeasureName()
    {
        var text = new string('r', 64);
        var emoji = string.Concat(Enumerable.Repeat("\U0001F527", 64)); // 64 characters, 128 UTF-16 code units

        Assert.Equal(text, (Parse(TelemetryChannel.State, $$"""{"ts": "{{Ts}}", "state": "down", "reason": "{{text}}"}""").Reading as StateReading)?.Reason);
        Assert.Equal(emoji, (Parse(TelemetryChannel.State, $$"""{"ts": "{{Ts}}", "state": "down", "reason": "{{emoji}}"}""").Reading as StateReading)?.Reason);
        Assert.Equal(text, (Parse(TelemetryChannel.Count, $$"""{"ts": "{{Ts}}", "good": 1, "product": "{{text}}"}""").Reading as CountReading)?.Product);
        Assert.True(Parse(TelemetryChannel.Measure, $$$"""{"ts": "{{{Ts}}}", "values": {"{{{new string('m', 64)}}}": 1}}""").IsAccepted);
    }

    [Fact]
    public void Refuses65CharacterReasonProductAndMeasureName()
    {
        var text = new string('r', 65);

        Assert.Equal(RefusalReason.ReasonTooLong, Parse(TelemetryChannel.State, $$"""{"ts": "{{Ts}}", "state": "down", "reason": "{{text}}"}""").Reason);
        Assert.Equal(RefusalReason.ProductTooLong, Parse(TelemetryChannel.Count, $$"""{"ts": "{{Ts}}", "good": 1, "product": "{{text}}"}""").Reason);
        Assert.Equal(RefusalReason.InvalidMeasureName, Parse(TelemetryChannel.Measure, $$$"""{"ts": "{{{Ts}}}", "values": {"{{{new string('m', 65)}}}": 1}}""").Reason);
    }

    // ---- Refusals ----

    [Fact]
    public void RefusesCountWithNegativeGood()
    {
        var result = Parse(TelemetryChannel.Count, $$"""{"ts": "{{Ts}}", "good": -1}""");

        Assert.False(result.IsAccepted);
        Assert.Null(result.Reading);
        Assert.Equal(RefusalReason.InvalidCount, result.Reason);
        Assert.Contains("good", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesUndefinedChannel()
    {
        var result = TelemetryParser.Parse((TelemetryChannel)42, Encoding.UTF8.GetBytes($$"""{"ts": "{{Ts}}"}"""), Now);

        Assert.Equal(RefusalReason.UnknownChannel, result.Reason);
    }

    [Theory]
    [MemberData(nameof(HostilePayloads))]
    public void RefusesHostilePayloadWithExactReason(TelemetryChannel channel, string json, RefusalReason expected)
    {
        var result = Parse(channel, json);

        Assert.Equal(expected, result.Reason);
        Assert.False(result.IsAccepted);
        Assert.False(string.IsNullOrWhiteSpace(result.Detail));
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0x74, 0x73, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D })] // {"ts":"<C3 28>"}
    [InlineData(new byte[] { 0x7B, 0x22, 0xC0, 0xAF, 0x22, 0x3A, 0x31, 0x7D })] // overlong '/' in a name
    [InlineData(new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D })] // encoded surrogate
    [InlineData(new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xE2, 0x82 })] // truncated sequence at the end
    [InlineData(new byte[] { 0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00 })] // UTF-16 with byte order mark
    [InlineData(new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xF4, 0x90, 0x80, 0x80, 0x22, 0x7D })] // beyond U+10FFFF
    public void RefusesInvalidUtf8(byte[] payload)
    {
        var result = TelemetryParser.Parse(TelemetryChannel.State, payload, Now);

        Assert.Equal(RefusalReason.InvalidUtf8, result.Reason);
    }

    [Fact]
    public void RefusesDeeplyNestedUnknownFieldAsInvalidJson()
    {
        var json = $$"""{"ts": "{{Ts}}", "state": "idle", "x": {{new string('[', 100)}}{{new string(']', 100)}}}""";

        Assert.Equal(RefusalReason.InvalidJson, Parse(TelemetryChannel.State, json).Reason);
    }

    [Fact]
    public void AcceptsSamePropertyNameInSiblingAndNestedObjects()
    {
        var json = $$$"""{"ts": "{{{Ts}}}", "state": "idle", "a": {"ts": 1, "b": {"ts": 2}}, "c": [{"ts": 3}, {"ts": 4}]}""";

        Assert.True(Parse(TelemetryChannel.State, json).IsAccepted);
    }

    [Fact]
    public void ForgetsNamesOfAClosedObject()
    {
        var json = $$$"""{"x": {"state": 1, "ts": 2}, "ts": "{{{Ts}}}", "state": "idle"}""";

        Assert.True(Parse(TelemetryChannel.State, json).IsAccepted);
    }

    [Fact]
    public void RemembersOuterNamesAcrossANestedObject()
    {
        var json = $$$"""{"a": 1, "ts": "{{{Ts}}}", "x": {"b": {"a": 1}}, "state": "idle", "a": 2}""";

        Assert.Equal(RefusalReason.DuplicateProperty, Parse(TelemetryChannel.State, json).Reason);
    }

    [Fact]
    public void RefusesDuplicateInsideArrayElement()
    {
        var json = $$"""{"ts": "{{Ts}}", "state": "idle", "c": [{"k": 3}, {"k": 4, "k": 5}]}""";

        Assert.Equal(RefusalReason.DuplicateProperty, Parse(TelemetryChannel.State, json).Reason);
    }

    [Fact]
    public void RefusesDuplicateAmongManyProperties()
    {
        var properties = Enumerable.Range(0, 600).Select(i => $"\"p{i}\": {i}").Append("\"p599\": 0");
        var json = $$"""{"ts": "{{Ts}}", "state": "idle", {{string.Join(",", properties)}}}""";

        Assert.Equal(RefusalReason.DuplicateProperty, Parse(TelemetryChannel.State, json).Reason);
    }

    [Fact]
    public void ReportsSyntaxErrorBeforeEarlierDuplicate()
    {
        Assert.Equal(RefusalReason.InvalidJson, Parse(TelemetryChannel.State, """{"ts": 1, "ts": 2, "state": }""").Reason);
    }

    [Fact]
    public void ReportsDuplicateBeforeFieldErrors()
    {
        Assert.Equal(RefusalReason.DuplicateProperty, Parse(TelemetryChannel.Count, """{"good": -1, "ts": 5, "good": 2}""").Reason);
    }

    [Fact]
    public void ReportsFieldErrorsInContractOrderWhateverThePropertyOrder()
    {
        Assert.Equal(RefusalReason.MissingField, Parse(TelemetryChannel.Count, """{"good": -1, "seq": -1}""").Reason);
        Assert.Equal(RefusalReason.InvalidSequence, Parse(TelemetryChannel.Count, $$"""{"good": -1, "seq": -1, "ts": "{{Ts}}"}""").Reason);
        Assert.Equal(RefusalReason.InvalidCount, Parse(TelemetryChannel.Count, $$"""{"product": 5, "scrap": -1, "ts": "{{Ts}}"}""").Reason);
    }

    [Fact]
    public void QuotesOffendingNamesSafelyInDetail()
    {
        var result = Parse(TelemetryChannel.Measure, $$$"""{"ts": "{{{Ts}}}", "values": {"Bad\nName{{{new string('x', 200)}}}": 1}}""");

        Assert.Equal(RefusalReason.InvalidMeasureName, result.Reason);
        Assert.DoesNotContain('\n', result.Detail);
        Assert.True(result.Detail.Length < 200, result.Detail);
    }

    [Fact]
    public void NeverThrowsOnMutatedPayloads()
    {
        var random = new Random(20250301);
        byte[][] seeds =
        [
            Encoding.UTF8.GetBytes($$"""{"ts": "{{Ts}}", "seq": 17, "state": "running", "reason": "jam"}"""),
            Encoding.UTF8.GetBytes($$"""{"ts": "{{Ts}}", "seq": 18, "good": 12, "scrap": 1, "product": "sku-1"}"""),
            Encoding.UTF8.GetBytes($$"""{"ts": "{{Ts}}", "values": {"temperature_c": 71.5, "energy_kwh": 0.25}, "x": [{"a": "\u00e9"}]}"""),
        ];
        byte[] interesting = "{}[]\":,\\u0-1eE.+ \t\nNaIfy"u8.ToArray();

        for (var i = 0; i < 3000; i++)
        {
            var payload = seeds[i % seeds.Length].ToList();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var at = random.Next(payload.Count);
                switch (random.Next(4))
                {
                    case 0: payload.RemoveAt(at); break;
                    case 1: payload.Insert(at, interesting[random.Next(interesting.Length)]); break;
                    case 2: payload[at] = (byte)random.Next(256); break;
                    default: payload[at] = interesting[random.Next(interesting.Length)]; break;
                }
            }
            foreach (var channel in Enum.GetValues<TelemetryChannel>())
            {
                var result = TelemetryParser.Parse(channel, payload.ToArray(), Now);
                Assert.Equal(result.IsAccepted, result.Reason == RefusalReason.None);
            }
        }
    }

    public static TheoryData<TelemetryChannel, string, RefusalReason> HostilePayloads()
    {
        const TelemetryChannel state = TelemetryChannel.State, count = TelemetryChannel.Count, measure = TelemetryChannel.Measure;
        var ok = $"\"ts\": \"{Ts}\"";
        var long65 = new string('x', 65);
        var values33 = string.Join(", ", Enumerable.Range(0, 33).Select(i => $"\"v{i}\": {i}"));
        return new()
        {
            // Not JSON at all, or not strict JSON
            { state, "", RefusalReason.InvalidJson },
            { state, "   \n", RefusalReason.InvalidJson },
            { state, "{", RefusalReason.InvalidJson },
            { state, $"{{{ok}, \"state\": \"idle\",}}", RefusalReason.InvalidJson },
            { state, $"{{/* comment */ {ok}, \"state\": \"idle\"}}", RefusalReason.InvalidJson },
            { state, $"{{{ok}, \"state\": \"idle\"}} {{}}", RefusalReason.InvalidJson },
            { state, $"{{{ok}, \"state\": \"idle\"}}x", RefusalReason.InvalidJson },
            { state, "{'ts': '2025-03-01T11:59:00Z', 'state': 'idle'}", RefusalReason.InvalidJson },
            { state, "{ts: \"2025-03-01T11:59:00Z\", state: \"idle\"}", RefusalReason.InvalidJson },
            { state, $"\uFEFF{{{ok}, \"state\": \"idle\"}}", RefusalReason.InvalidJson },
            { state, $"{{{ok}, \"state\": \"id\nle\"}}", RefusalReason.InvalidJson },
            { state, $"{{{ok}, \"state\": \"idle\", \"x\": \"\\q\"}}", RefusalReason.InvalidJson },
            { state, $"{{{ok}, \"state\": \"idle\", \"x\": 01}}", RefusalReason.InvalidJson },
            { state, $"{{{ok}, \"state\": \"idle\", \"x\": undefined}}", RefusalReason.InvalidJson },
            { state, $"{{{ok}, \"state\": \"idle\"}}\0", RefusalReason.InvalidJson },
            { state, $"{{{ok}, \"state\": \"idle\", \"x\": \"\\ud800\"}}", RefusalReason.InvalidUtf8 },
            { state, $"{{{ok}, \"state\": \"idle\", \"\\udc00\": 1}}", RefusalReason.InvalidUtf8 },
            // Valid JSON, not an object
            { state, "[]", RefusalReason.NotAnObject },
            { state, $"[{{{ok}, \"state\": \"idle\"}}]", RefusalReason.NotAnObject },
            { state, "\"running\"", RefusalReason.NotAnObject },
            { state, "42", RefusalReason.NotAnObject },
            { state, "null", RefusalReason.NotAnObject },
            { state, "true", RefusalReason.NotAnObject },
            // Duplicate property names
            { state, $"{{{ok}, {ok}, \"state\": \"idle\"}}", RefusalReason.DuplicateProperty },
            { state, $"{{{ok}, \"state\": \"idle\", \"state\": \"down\"}}", RefusalReason.DuplicateProperty },
            { state, $"{{{ok}, \"t\\u0073\": \"{Ts}\", \"state\": \"idle\"}}", RefusalReason.DuplicateProperty },
            { state, $"{{{ok}, \"state\": \"idle\", \"x\": {{\"a\": 1, \"a\": 2}}}}", RefusalReason.DuplicateProperty },
            { measure, $"{{{ok}, \"values\": {{\"a\": 1, \"a\": 2}}}}", RefusalReason.DuplicateProperty },
            // ts
            { state, "{\"state\": \"idle\"}", RefusalReason.MissingField },
            { state, "{\"ts\": null, \"state\": \"idle\"}", RefusalReason.MissingField },
            { state, "{\"TS\": \"2025-03-01T11:59:00Z\", \"state\": \"idle\"}", RefusalReason.MissingField },
            { state, "{\"ts\": 1740830340, \"state\": \"idle\"}", RefusalReason.WrongType },
            { state, "{\"ts\": {\"$date\": \"2025-03-01T11:59:00Z\"}, \"state\": \"idle\"}", RefusalReason.WrongType },
            { state, "{\"ts\": \"2025-03-01T11:59:00\", \"state\": \"idle\"}", RefusalReason.InvalidTimestamp },
            { state, "{\"ts\": \"2025-03-01\", \"state\": \"idle\"}", RefusalReason.InvalidTimestamp },
            { state, "{\"ts\": \"2025-03-01 11:59:00Z\", \"state\": \"idle\"}", RefusalReason.InvalidTimestamp },
            { state, "{\"ts\": \"2025-02-30T11:59:00Z\", \"state\": \"idle\"}", RefusalReason.InvalidTimestamp },
            { state, "{\"ts\": \"1740830340\", \"state\": \"idle\"}", RefusalReason.InvalidTimestamp },
            { state, "{\"ts\": \"Sat, 01 Mar 2025 11:59:00 GMT\", \"state\": \"idle\"}", RefusalReason.InvalidTimestamp },
            { state, $"{{\"ts\": \"{new string('9', 5000)}\", \"state\": \"idle\"}}", RefusalReason.InvalidTimestamp },
            { state, "{\"ts\": \"2025-03-01T13:00:00Z\", \"state\": \"idle\"}", RefusalReason.TimestampInFuture },
            { state, "{\"ts\": \"2025-02-21T12:00:00Z\", \"state\": \"idle\"}", RefusalReason.TimestampTooOld },
            { state, "{\"ts\": \"1970-01-01T00:00:00Z\", \"state\": \"idle\"}", RefusalReason.TimestampTooOld },
            // seq
            { state, $"{{{ok}, \"seq\": \"17\", \"state\": \"idle\"}}", RefusalReason.WrongType },
            { state, $"{{{ok}, \"seq\": -1, \"state\": \"idle\"}}", RefusalReason.InvalidSequence },
            { state, $"{{{ok}, \"seq\": 99999999999999999999999, \"state\": \"idle\"}}", RefusalReason.InvalidSequence },
            // state
            { state, $"{{{ok}}}", RefusalReason.MissingField },
            { state, $"{{{ok}, \"state\": null}}", RefusalReason.MissingField },
            { state, $"{{{ok}, \"state\": 1}}", RefusalReason.WrongType },
            { state, $"{{{ok}, \"state\": [\"idle\"]}}", RefusalReason.WrongType },
            { state, $"{{{ok}, \"state\": \"RUNNING\"}}", RefusalReason.UnknownState },
            { state, $"{{{ok}, \"state\": \"Running\"}}", RefusalReason.UnknownState },
            { state, $"{{{ok}, \"state\": \"planned-stop\"}}", RefusalReason.UnknownState },
            { state, $"{{{ok}, \"state\": \"stopped\"}}", RefusalReason.UnknownState },
            { state, $"{{{ok}, \"state\": \"\"}}", RefusalReason.UnknownState },
            { state, $"{{{ok}, \"state\": \" idle\"}}", RefusalReason.UnknownState },
            { state, $"{{{ok}, \"state\": \"idle\", \"reason\": 5}}", RefusalReason.WrongType },
            { state, $"{{{ok}, \"state\": \"idle\", \"reason\": \"{long65}\"}}", RefusalReason.ReasonTooLong },
            // count
            { count, $"{{{ok}}}", RefusalReason.MissingField },
            { count, $"{{{ok}, \"good\": null, \"scrap\": null}}", RefusalReason.MissingField },
            { count, $"{{{ok}, \"good\": -1}}", RefusalReason.InvalidCount },
            { count, $"{{{ok}, \"good\": 1.5}}", RefusalReason.InvalidCount },
            { count, $"{{{ok}, \"good\": 12.0}}", RefusalReason.InvalidCount },
            { count, $"{{{ok}, \"good\": 1e2}}", RefusalReason.InvalidCount },
            { count, $"{{{ok}, \"good\": 9223372036854775808}}", RefusalReason.InvalidCount },
            { count, $"{{{ok}, \"good\": 1, \"scrap\": -3}}", RefusalReason.InvalidCount },
            { count, $"{{{ok}, \"good\": \"12\"}}", RefusalReason.WrongType },
            { count, $"{{{ok}, \"good\": true}}", RefusalReason.WrongType },
            { count, $"{{{ok}, \"good\": 1, \"product\": 7}}", RefusalReason.WrongType },
            { count, $"{{{ok}, \"good\": 1, \"product\": \"{long65}\"}}", RefusalReason.ProductTooLong },
            // measure
            { measure, $"{{{ok}}}", RefusalReason.MissingField },
            { measure, $"{{{ok}, \"values\": [71.5]}}", RefusalReason.WrongType },
            { measure, $"{{{ok}, \"values\": 71.5}}", RefusalReason.WrongType },
            { measure, $"{{{ok}, \"values\": {{}}}}", RefusalReason.NoValues },
            { measure, $"{{{ok}, \"values\": {{{values33}}}}}", RefusalReason.TooManyValues },
            { measure, $"{{{ok}, \"values\": {{\"Temperature\": 1}}}}", RefusalReason.InvalidMeasureName },
            { measure, $"{{{ok}, \"values\": {{\"temp-c\": 1}}}}", RefusalReason.InvalidMeasureName },
            { measure, $"{{{ok}, \"values\": {{\"\": 1}}}}", RefusalReason.InvalidMeasureName },
            { measure, $"{{{ok}, \"values\": {{\"temp c\": 1}}}}", RefusalReason.InvalidMeasureName },
            { measure, $"{{{ok}, \"values\": {{\"t\": \"71.5\"}}}}", RefusalReason.WrongType },
            { measure, $"{{{ok}, \"values\": {{\"t\": null}}}}", RefusalReason.WrongType },
            { measure, $"{{{ok}, \"values\": {{\"t\": true}}}}", RefusalReason.WrongType },
            { measure, $"{{{ok}, \"values\": {{\"t\": {{\"v\": 1}}}}}}", RefusalReason.WrongType },
            { measure, $"{{{ok}, \"values\": {{\"t\": [1]}}}}", RefusalReason.WrongType },
            { measure, $"{{{ok}, \"values\": {{\"t\": NaN}}}}", RefusalReason.NonFiniteNumber },
            { measure, $"{{{ok}, \"values\": {{\"t\": Infinity}}}}", RefusalReason.NonFiniteNumber },
            { measure, $"{{{ok}, \"values\": {{\"t\": -Infinity}}}}", RefusalReason.NonFiniteNumber },
            { measure, $"{{{ok}, \"values\": {{\"t\": \"NaN\"}}}}", RefusalReason.NonFiniteNumber },
            { measure, $"{{{ok}, \"values\": {{\"t\": \"-Infinity\"}}}}", RefusalReason.NonFiniteNumber },
            { measure, $"{{{ok}, \"values\": {{\"t\": 1e400}}}}", RefusalReason.NonFiniteNumber },
            { measure, $"{{{ok}, \"values\": {{\"t\": -1e400}}}}", RefusalReason.NonFiniteNumber },
            { measure, $"{{{ok}, \"values\": {{\"energy_kwh\": -0.5}}}}", RefusalReason.NegativeIncrement },
        };
    }

    private static byte[] Padded(int size)
    {
        var head = $"{{\"ts\": \"{Ts}\", \"state\": \"running\", \"pad\": \"";
        const string tail = "\"}";
        var json = head + new string('x', size - head.Length - tail.Length) + tail;
        return Encoding.UTF8.GetBytes(json);
    }

    private static string MeasureWith(int count) =>
        $$$"""{"ts": "{{{Ts}}}", "values": {{{{string.Join(", ", Enumerable.Range(0, count).Select(i => $"\"value_{i}\": {i}.5"))}}}}}""";

    private static IEnumerable<int[]> Permutations(int n)
    {
        if (n == 0)
        {
            yield return [];
            yield break;
        }
        foreach (var rest in Permutations(n - 1))
        {
            for (var at = 0; at <= rest.Length; at++)
            {
                yield return [.. rest[..at], n - 1, .. rest[at..]];
            }
        }
    }
}
