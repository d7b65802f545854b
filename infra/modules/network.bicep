// Private networking, deployed only when PostgreSQL uses private access:
// a virtual network with one subnet delegated to App Service (regional VNet integration of
// both apps) and one delegated to PostgreSQL Flexible Server, plus the private DNS zone
// the server registers its address in.
metadata description = 'Virtual network, delegated subnets and private DNS zone for private PostgreSQL access.'

import { tagsType } from 'types.bicep'

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags tagsType

@description('Virtual network name.')
param vnetName string

@description('Address space of the virtual network, e.g. 10.40.0.0/16.')
param addressPrefix string

@description('Subnet for App Service VNet integration (delegated to Microsoft.Web/serverFarms), e.g. 10.40.1.0/24.')
param appsSubnetPrefix string

@description('Subnet delegated to PostgreSQL Flexible Server, e.g. 10.40.2.0/24.')
param postgresSubnetPrefix string

@description('Private DNS zone name; must end with .postgres.database.azure.com.')
param postgresDnsZoneName string

resource vnet 'Microsoft.Network/virtualNetworks@2026-03-01' = {
  name: vnetName
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: 'snet-apps'
        properties: {
          addressPrefix: appsSubnetPrefix
          delegations: [
            {
              name: 'app-service'
              properties: {
                serviceName: 'Microsoft.Web/serverFarms'
              }
            }
          ]
        }
      }
      {
        name: 'snet-postgres'
        properties: {
          addressPrefix: postgresSubnetPrefix
          delegations: [
            {
              name: 'postgres-flexible-server'
              properties: {
                serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers'
              }
            }
          ]
        }
      }
    ]
  }

  resource appsSubnet 'subnets' existing = {
    name: 'snet-apps'
  }

  resource postgresSubnet 'subnets' existing = {
    name: 'snet-postgres'
  }
}

resource dnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: postgresDnsZoneName
  location: 'global'
  tags: tags
}

resource dnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: dnsZone
  name: 'link-${vnetName}'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}

@description('Subnet ID for App Service regional VNet integration.')
output appsSubnetId string = vnet::appsSubnet.id

@description('Delegated subnet ID for PostgreSQL Flexible Server.')
output postgresSubnetId string = vnet::postgresSubnet.id

// A module's outputs are available only once all of its resources (the VNet link included) are deployed,
// so a server that consumes this output is created after the zone is linked to the VNet.
@description('Private DNS zone ID for PostgreSQL Flexible Server.')
output postgresDnsZoneId string = dnsZone.id
