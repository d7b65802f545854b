namespace FactoryCloud.Domain.Audit;

/// <summary>
/// The security-relevant actions the audit trail records. Stored by name, so the names are a stable contract:
/// add new ones, never rename or reuse one.
/// </summary>
public enum AuditAction
{
    SignInSucceeded,
    SignInFailed,
    MemberInvited,
    InvitationRevoked,
    MemberRemoved,
    MemberRoleChanged,
    DeviceCredentialsIssued,
    DeviceCredentialsRotated,
    DeviceCredentialsRevoked,
    AlertRuleCreated,
    AlertRuleChanged,
    AlertRuleDeleted,
    KpiSettingsChanged,
    EntraLinkCreated,
    EntraLinkChanged,
    EntraLinkRemoved,
    ExportDownloaded,
    TwoFactorRequirementChanged,
    WebhookCreated,
    WebhookChanged,
    WebhookDeleted,
    WebhookSecretRotated,
    TwoFactorEnabled,
    TwoFactorDisabled,
    RecoveryCodesRenewed,
    PasswordChanged,
    PasswordReset,
    AccessTokenCreated,
    AccessTokenRevoked,
    DataRetentionChanged,
    TenantExportRequested,
    OrganisationDeleted,
    OrganisationRestored,
}
