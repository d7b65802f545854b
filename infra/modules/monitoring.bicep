// Log Analytics workspace and workspace-based Application Insights.
// Every other module sends its diagnostic settings to this workspace.
metadata description = 'Log Analytics workspace and workspace-based Application Insights.'

import { tagsType } from 'types.bicep'

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags tagsType

@description('Log Analytics workspace name.')
param workspaceName string

@description('Application Insights component name.')
param appInsightsName string

@description('Days to keep data in the workspace (30-730).')
@minValue(30)
@maxValue(730)
param retentionInDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2026-03-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    // The apps send telemetry with their managed identity's token only when configured to;
    // keep local auth on so the connection string alone works for the OpenTelemetry exporter.
    DisableLocalAuth: false
  }
}

@description('Resource ID of the Log Analytics workspace (target of all diagnostic settings).')
output workspaceId string = workspace.id

@description('Name of the Application Insights component.')
output appInsightsName string = appInsights.name
