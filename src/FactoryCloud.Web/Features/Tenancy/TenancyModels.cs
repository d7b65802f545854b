using System.ComponentModel.DataAnnotations;

namespace FactoryCloud.Web.Features.Tenancy;

public sealed class SignUpRequest
{
    [Required(ErrorMessage = "Enter your organisation's name.")]
    [StringLength(Tenant.NameMaxLength, MinimumLength = 2, ErrorMessage = "The organisation's name must be 2 to 100 characters.")]
    public string Organization { get; set; } = "";

    [StringLength(100, ErrorMessage = "Your name can be at most 100 characters.")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(256)]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Choose a password.")]
    [FactoryCloud.Web.Features.Account.NewPassword]
    public string Password { get; set; } = "";
}

public sealed class InvitationRequest
{
    [Required(ErrorMessage = "Enter the email address to invite.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(256)]
    public string Email { get; set; } = "";

    [EnumDataType(typeof(TenantRole), ErrorMessage = "Choose a role.")]
    public TenantRole Role { get; set; } = TenantRole.TeamMember;
}

public sealed class NewAccountRequest
{
    [StringLength(100, ErrorMessage = "Your name can be at most 100 characters.")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Choose a password.")]
    [FactoryCloud.Web.Features.Account.NewPassword]
    public string Password { get; set; } = "";
}

public sealed record SignUpResult(Guid TenantId, string Slug, Guid UserId);

public sealed record MemberView(Guid MembershipId, Guid UserId, string Email, string? DisplayName, TenantRole Role, DateTimeOffset JoinedAt);

public sealed record InvitationView(Guid Id, string Email, TenantRole Role, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

public sealed record CreatedInvitation(InvitationView Invitation, string Link);

public enum InvitationStatus
{
    Open,
    Accepted,
    Expired,
    Revoked,
}

public sealed record InvitationDetails(Guid TenantId, string TenantName, string Email, TenantRole Role, InvitationStatus Status);
