// Key Vault with Azure RBAC (no access policies). The apps read secrets through App Service
// Key Vault references, authenticated by their user-assigned identities.
metadata description = 'Key Vault (RBAC authorization) with Key Vault Secrets User for the app identities.'

import { tagsType, principalType, roleIds } from 'types.bicep'

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags tagsType

@description('Key Vault name (3-24 characters, globally unique).')
@minLength(3)
@maxLength(24)
param keyVaultName string

@description('Turn on purge protection (cannot be turned off again; use it in production).')
param enablePurgeProtection bool

@description('Days a deleted vault or secret can be recovered (7-90).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Identities granted Key Vault Secrets User on the vault.')
param secretReaders principalType[]

@description('Client secret of the Entra app registration; stored as secret "entra-client-secret" when not empty.')
@secure()
param entraClientSecret string

@description('Resource ID of the Log Analytics workspace for diagnostic settings.')
param workspaceId string

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // Purge protection can only be switched on; "false" is rejected once it is on, so omit it instead.
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForTemplateDeployment: false
    enabledForDiskEncryption: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for reader in secretReaders: {
    name: guid(vault.id, reader.identityResourceId, roleIds.keyVaultSecretsUser)
    scope: vault
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.keyVaultSecretsUser)
      principalId: reader.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource entraClientSecretValue 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (!empty(entraClientSecret)) {
  parent: vault
  name: 'entra-client-secret'
  properties: {
    value: entraClientSecret
    contentType: 'text/plain'
  }
}

// 2021-05-01-preview is the newest diagnosticSettings API and the first with categoryGroup;
// the only non-preview version (2016-09-01) has neither categoryGroup nor a usable schema here.
#disable-next-line use-recent-api-versions
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

@description('Key Vault name, used in App Service Key Vault references (@Microsoft.KeyVault(VaultName=...;SecretName=...)).')
output name string = vault.name

@description('Key Vault URI.')
output vaultUri string = vault.properties.vaultUri
