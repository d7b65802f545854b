namespace FactoryCloud.Domain.Telemetry;

/// <summary>Human-readable descriptions of <see cref="RefusalReason"/>, for device authors and the ingestion health page.</summary>
public static class RefusalReasonDescriptions
{
    public static string Describe(this RefusalReason reason) => reason switch
    {
        RefusalReason.None => "Accepted.",
        RefusalReason.TopicMalformed => "The topic is not fc/v1/{tenant}/{site}/{area}/{line}/{machine}/{channel} with lower-case keys [a-z0-9-] of 1 to 64 characters and no wildcards.",
        RefusalReason.UnknownChannel => "The channel (last topic segment) is not state, count or measure.",
        RefusalReason.PayloadTooLarge => "The payload is larger than 8192 bytes.",
        RefusalReason.InvalidUtf8 => "The payload is not valid UTF-8 text (this includes escaped lone surrogates such as \\ud800).",
        RefusalReason.InvalidJson => "The payload is not valid JSON (one value; no comments, trailing commas or byte order mark).",
        RefusalReason.NotAnObject => "The payload is valid JSON but not an object.",
        RefusalReason.DuplicateProperty => "A JSON object has the same property name twice.",
        RefusalReason.MissingField => "A required field is missing or null: ts; state on the state channel; good or scrap on the count channel; values on the measure channel.",
        RefusalReason.WrongType => "A field has the wrong JSON type (for example a number sent as a string).",
        RefusalReason.InvalidTimestamp => "ts is not an RFC 3339 date-time with an offset, such as 2025-03-01T08:15:00.250Z or 2025-03-01T09:15:00+01:00.",
        RefusalReason.TimestampInFuture => "ts is more than 5 minutes ahead of the server clock: check the device clock (NTP).",
        RefusalReason.TimestampTooOld => "ts is more than 7 days behind the server clock.",
        RefusalReason.InvalidSequence => "seq is not an unsigned 64-bit integer (0 to 18446744073709551615, no fraction or exponent).",
        RefusalReason.UnknownState => "state is not one of running, idle, down, changeover, planned_stop, offline.",
        RefusalReason.ReasonTooLong => "reason is longer than 64 characters.",
        RefusalReason.InvalidCount => "good or scrap is not a non-negative integer (no fraction or exponent, at most 9223372036854775807).",
        RefusalReason.ProductTooLong => "product is longer than 64 characters.",
        RefusalReason.NoValues => "values is an empty object: a measure message carries 1 to 32 values.",
        RefusalReason.TooManyValues => "values has more than 32 entries.",
        RefusalReason.InvalidMeasureName => "A measure name does not match [a-z0-9_]{1,64}.",
        RefusalReason.NonFiniteNumber => "A measure value is NaN or infinite, or too large for a double.",
        RefusalReason.NegativeIncrement => "energy_kwh is an increment since the previous message and must not be negative.",
        RefusalReason.OutOfScope => "The topic is outside the part of the plant this device may publish for.",
        RefusalReason.UnknownMachine => "The topic names a machine that is not registered for this tenant.",
        RefusalReason.PacketTooLarge => "An MQTT packet was larger than the broker's maximum packet size: the connection was closed without reading it.",
        RefusalReason.TooManyConnections => "The organisation already has as many devices connected as the broker allows: the connect was refused.",
        RefusalReason.RateLimited => "The device published more messages a second than the broker allows: the excess was refused (counted once per second).",
        RefusalReason.MessageQuotaExceeded => "The organisation has used its plan's telemetry messages for this UTC day (quota messagesPerDay): messages are refused until midnight UTC (recorded once a minute).",
        RefusalReason.StorageQuotaExceeded => "The organisation's stored data (raw telemetry and uploaded files) has reached its plan's storage (quota storageBytes): messages are refused until retention, deleting files or a larger plan frees room (recorded once a minute).",
        _ => "Unknown refusal reason.",
    };
}
