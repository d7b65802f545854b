// Linux App Service plan shared by the web app and the ingestion worker.
// Scale out = more instances (capacity); every instance runs both apps.
metadata description = 'Linux App Service plan.'

import { tagsType } from 'types.bicep'

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags tagsType

@description('Plan name.')
param planName string

@description('Plan SKU, e.g. B1 (dev) or P1v3 (prod). Basic or higher is needed for Always On and VNet integration.')
param skuName string

@description('Number of instances.')
@minValue(1)
@maxValue(30)
param capacity int

@description('Spread instances over availability zones (Premium v3 and at least 2 instances).')
param zoneRedundant bool

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
    capacity: capacity
  }
  properties: {
    reserved: true
    zoneRedundant: zoneRedundant
  }
}

@description('Plan resource ID.')
output id string = plan.id
