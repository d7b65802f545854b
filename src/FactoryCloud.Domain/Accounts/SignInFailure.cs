using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Accounts;

/// <summary>
/// Failed sign-ins (passwords and two-factor codes) from one client address on one account, for
/// <see cref="SignInBackoff"/>. Kept in the database so that every web instance counts the same failures and a restart
/// forgets none. The row is keyed by a hash of the address and the account's normalised email address
/// (<see cref="SignInFailureKey"/>), so the table names neither. A row past <see cref="ExpiresAt"/> counts as none and
/// is removed by the clean-up job.
/// </summary>
[SharedEntity("Counted before anyone is signed in and for addresses that match no account, so it belongs to no organisation.")]
public sealed class SignInFailure
{
    public required string Key { get; set; }
    public int Failures { get; set; }
    public DateTimeOffset LastFailureAt { get; set; }

    /// <summary>When the count is forgotten: the last failure plus <see cref="SignInBackoff.Memory"/>.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
