// Azure Database for PostgreSQL Flexible Server 16 with Microsoft Entra authentication.
//
// Least privilege: the app identities are NOT made Entra administrators. The administrator is a
// person or group (for migrations and role management); after deployment it maps each app
// identity to a PostgreSQL role with pgaadauth_create_principal and grants that role only
// the non-owner rights the application needs, so row-level security applies to it
// (table owners bypass RLS). See docs/deployment.md.
metadata description = 'PostgreSQL Flexible Server 16 (Entra auth), database factorycloud, private or public access.'

import { tagsType } from 'types.bicep'

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags tagsType

@description('Server name (lowercase letters, digits and hyphens, 3-63 characters).')
@minLength(3)
@maxLength(63)
param serverName string

@description('Name of the application database.')
param databaseName string

@description('Compute SKU name, e.g. Standard_B1ms (Burstable) or Standard_D2ds_v5 (GeneralPurpose).')
param skuName string

@description('Compute tier matching skuName.')
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param skuTier string

@description('Storage size in GiB (32 to 32768); storage auto-grows from here.')
@minValue(32)
@maxValue(32768)
param storageSizeGB int

@description('High availability: Disabled, SameZone or ZoneRedundant (not available on Burstable).')
@allowed([
  'Disabled'
  'SameZone'
  'ZoneRedundant'
])
param highAvailabilityMode string

@description('Days of point-in-time restore (7-35).')
@minValue(7)
@maxValue(35)
param backupRetentionDays int

@description('Keep backups geo-redundant (only settable when the server is created).')
param geoRedundantBackup bool

@description('Also allow password authentication (Entra authentication is always enabled).')
param passwordAuthEnabled bool

@description('Password-auth administrator login; used only when passwordAuthEnabled is true.')
param administratorLogin string

@description('Password-auth administrator password; used only when passwordAuthEnabled is true.')
@secure()
param administratorLoginPassword string

@description('Object ID of the Entra user, group or service principal made PostgreSQL administrator; empty = none yet.')
param entraAdminObjectId string

@description('Display name (user principal name, group or app name) of the Entra administrator.')
param entraAdminName string

@description('Kind of Entra principal in entraAdminObjectId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param entraAdminPrincipalType string

@description('Use private access (VNet-injected server, no public endpoint). Requires the two IDs below.')
param privateAccess bool

@description('Delegated subnet ID for private access; empty for public access.')
param delegatedSubnetId string

@description('Private DNS zone ID for private access; empty for public access.')
param privateDnsZoneId string

@description('Resource ID of the Log Analytics workspace for diagnostic settings.')
param workspaceId string

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2025-08-01' = {
  name: serverName
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuTier
  }
  properties: {
    version: '16'
    createMode: 'Default'
    administratorLogin: passwordAuthEnabled ? administratorLogin : null
    administratorLoginPassword: passwordAuthEnabled ? administratorLoginPassword : null
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: passwordAuthEnabled ? 'Enabled' : 'Disabled'
      tenantId: tenant().tenantId
    }
    storage: {
      storageSizeGB: storageSizeGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: backupRetentionDays
      geoRedundantBackup: geoRedundantBackup ? 'Enabled' : 'Disabled'
    }
    highAvailability: {
      mode: highAvailabilityMode
    }
    network: privateAccess
      ? {
          delegatedSubnetResourceId: delegatedSubnetId
          privateDnsZoneArmResourceId: privateDnsZoneId
          publicNetworkAccess: 'Disabled'
        }
      : {
          publicNetworkAccess: 'Enabled'
        }
  }
}

// The server accepts one control-plane change at a time, so the child resources below are
// chained with dependsOn instead of being created in parallel.

resource entraAdmin 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2025-08-01' = if (!empty(entraAdminObjectId)) {
  parent: server
  name: entraAdminObjectId
  properties: {
    principalName: entraAdminName
    principalType: entraAdminPrincipalType
    tenantId: tenant().tenantId
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2025-08-01' = {
  parent: server
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
  dependsOn: [
    entraAdmin
  ]
}

// Public access only: 0.0.0.0-0.0.0.0 is the special rule "allow Azure services", which the
// apps need without VNet integration. Authentication still requires an Entra token.
resource allowAzureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2025-08-01' = if (!privateAccess) {
  parent: server
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
  dependsOn: [
    database
  ]
}

// See keyvault.bicep: 2021-05-01-preview is the newest diagnosticSettings API and the first with categoryGroup.
#disable-next-line use-recent-api-versions
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: server
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
  dependsOn: [
    allowAzureServices
  ]
}

@description('Fully qualified domain name of the server.')
output fqdn string = server.properties.fullyQualifiedDomainName

@description('Server name.')
output name string = server.name
