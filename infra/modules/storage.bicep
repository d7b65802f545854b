// Storage account for files uploaded to work items: one private container, reached only with Microsoft Entra
// identities (no shared keys, no anonymous access). The web app writes and reads it with its managed identity
// (Storage Blob Data Contributor on the container only).
metadata description = 'Storage account with the attachments container and the web app role assignment.'

import { tagsType, principalType, roleIds } from 'types.bicep'

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags tagsType

@description('Account name (3-24 lower-case letters and digits, globally unique).')
@maxLength(24)
param accountName string

@description('Replication: zone-redundant in production, locally redundant for development.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
param skuName string

@description('Container name; the web app reads it from Files__Container.')
param containerName string

@description('Identities granted Storage Blob Data Contributor on the container.')
param contributors principalType[]

@description('Resource ID of the Log Analytics workspace for diagnostic settings.')
param workspaceId string

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: accountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: account
  name: 'default'
  properties: {
    // A deleted attachment can be recovered for 7 days.
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource container 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: containerName
  properties: {
    publicAccess: 'None'
  }
}

resource contributorAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for contributor in contributors: {
    name: guid(container.id, contributor.identityResourceId, roleIds.storageBlobDataContributor)
    scope: container
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDataContributor)
      principalId: contributor.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

// See keyvault.bicep: 2021-05-01-preview is the newest diagnosticSettings API and the first with categoryGroup.
#disable-next-line use-recent-api-versions
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: blobService
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
        category: 'Transaction'
        enabled: true
      }
    ]
  }
}

@description('Blob endpoint (Files__BlobServiceUri), e.g. https://name.blob.core.windows.net/.')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Account name.')
output name string = account.name
