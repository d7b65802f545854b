// One Linux App Service app running .NET 10 under a user-assigned identity.
// Used twice by main.bicep: the Blazor Server web app and the ingestion worker.
metadata description = 'Linux App Service app (.NET 10) with a user-assigned identity and diagnostic settings.'

import { tagsType, appSettingType } from 'types.bicep'

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags tagsType

@description('App name (globally unique host name <name>.azurewebsites.net).')
param appName string

@description('Resource ID of the App Service plan.')
param planId string

@description('Resource ID of the user-assigned identity the app runs as (also used for Key Vault references).')
param identityResourceId string

@description('Startup command, e.g. "dotnet FactoryCloud.Web.dll".')
param startupCommand string

@description('Application settings (environment variables).')
param appSettings appSettingType[]

@description('Keep the app loaded when idle.')
param alwaysOn bool

@description('Enable WebSockets (Blazor Server circuits use them).')
param webSocketsEnabled bool

@description('ARR affinity cookie: pins a browser to one instance (Blazor Server keeps circuit state in memory).')
param clientAffinityEnabled bool

@description('Health check path the platform probes on every instance; empty = no health check.')
param healthCheckPath string

@description('Subnet ID for regional VNet integration (needed to reach a private PostgreSQL); empty = none.')
param vnetSubnetId string

@description('Name of the Application Insights component (already deployed); its connection string becomes APPLICATIONINSIGHTS_CONNECTION_STRING.')
param appInsightsName string

@description('Resource ID of the Log Analytics workspace for diagnostic settings.')
param workspaceId string

// Read inside this module, which main.bicep deploys after the monitoring module, so the
// component exists by the time its connection string is read. It is not a module output,
// which keeps it out of the deployment history.
resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    serverFarmId: planId
    httpsOnly: true
    clientAffinityEnabled: clientAffinityEnabled
    keyVaultReferenceIdentity: identityResourceId
    virtualNetworkSubnetId: empty(vnetSubnetId) ? null : vnetSubnetId
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      appCommandLine: startupCommand
      alwaysOn: alwaysOn
      webSocketsEnabled: webSocketsEnabled
      healthCheckPath: empty(healthCheckPath) ? null : healthCheckPath
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      vnetRouteAllEnabled: !empty(vnetSubnetId)
      appSettings: concat(appSettings, [
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
      ])
    }
  }
}

// No FTP and no basic-auth deployment credentials: deploy with `az webapp deploy` signed in with Entra ID.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

// See keyvault.bicep: 2021-05-01-preview is the newest diagnosticSettings API and the first with categoryGroup.
#disable-next-line use-recent-api-versions
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: app
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

@description('App name.')
output name string = app.name

@description('Default host name, e.g. name.azurewebsites.net.')
output defaultHostName string = app.properties.defaultHostName
