// The MQTT ingress: the ingestion worker (Mqtt:Mode=BuiltIn) on Azure Container Apps with external TCP ingress
// on 8883 (docs/decisions/0005-mqtt-ingress-on-azure-container-apps.md). External TCP ingress needs an
// environment in a custom virtual network, so this module brings its own VNet and delegated subnet.
metadata description = 'Container Apps environment (own VNet) and the MQTT ingress app with public TCP ingress on 8883.'

import { tagsType, appSettingType } from 'types.bicep'

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags tagsType

@description('Container Apps environment name.')
param environmentName string

@description('Container app name.')
param appName string

@description('Virtual network of the environment.')
param vnetName string

@description('Address space of that virtual network, e.g. 10.41.0.0/16.')
param vnetAddressPrefix string

@description('Environment infrastructure subnet (delegated to Microsoft.App/environments, /27 or larger), e.g. 10.41.0.0/23.')
param subnetPrefix string

@description('Container image of the ingestion worker, e.g. myregistry.azurecr.io/factorycloud-ingestion:1.0.0.')
param image string

@description('Registry server the image is pulled from with the app identity; empty for a public image.')
param registryServer string

@description('Resource ID of the user-assigned identity of the app (Key Vault, Service Bus, PostgreSQL, registry).')
param identityResourceId string

@description('Environment variables of the container (configuration keys, "__" = section separator).')
param settings appSettingType[]

@description('Port the built-in broker listens on with TLS inside the container, exposed publicly as the same port.')
param mqttTlsPort int

@description('Port of the worker\'s health endpoint (/health/ready).')
param healthPort int

@description('Minimum replicas: 2 or more in prod so a lost node costs only reconnects.')
@minValue(1)
@maxValue(30)
param minReplicas int

@description('Maximum replicas.')
@minValue(1)
@maxValue(300)
param maxReplicas int

@description('Concurrent TCP connections per replica before another replica starts.')
param connectionsPerReplica int

@description('Name of the Application Insights component (its connection string goes to the container).')
param appInsightsName string

@description('Resource ID of the Log Analytics workspace for diagnostic settings.')
param workspaceId string

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource vnet 'Microsoft.Network/virtualNetworks@2026-03-01' = {
  name: vnetName
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        vnetAddressPrefix
      ]
    }
    subnets: [
      {
        name: 'snet-containerapps'
        properties: {
          addressPrefix: subnetPrefix
          delegations: [
            {
              name: 'container-apps'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
    ]
  }

  resource subnet 'subnets' existing = {
    name: 'snet-containerapps'
  }
}

resource managedEnvironment 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    vnetConfiguration: {
      infrastructureSubnetId: vnet::subnet.id
      internal: false
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
    // Logs go through the diagnostic settings below (no workspace key in the template).
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
  }
}

resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: appName
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    environmentId: managedEnvironment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        // Raw TCP: TLS terminates in the built-in broker, not in front of it.
        transport: 'tcp'
        targetPort: mqttTlsPort
        exposedPort: mqttTlsPort
      }
      registries: empty(registryServer)
        ? []
        : [
            {
              server: registryServer
              identity: identityResourceId
            }
          ]
    }
    template: {
      containers: [
        {
          name: 'ingress'
          image: image
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: concat(settings, [
            {
              name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
              value: appInsights.properties.ConnectionString
            }
          ])
          probes: [
            {
              type: 'Readiness'
              httpGet: {
                path: '/health/ready'
                port: healthPort
              }
              periodSeconds: 10
              failureThreshold: 3
            }
            {
              type: 'Liveness'
              tcpSocket: {
                port: mqttTlsPort
              }
              periodSeconds: 30
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'mqtt-connections'
            tcp: {
              metadata: {
                concurrentConnections: string(connectionsPerReplica)
              }
            }
          }
        ]
      }
    }
  }
}

// See keyvault.bicep: 2021-05-01-preview is the newest diagnosticSettings API and the first with categoryGroup.
#disable-next-line use-recent-api-versions
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: managedEnvironment
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

@description('Container app name.')
output name string = app.name

@description('Public host name of the MQTT ingress (devices connect here on the exposed port).')
output fqdn string = app.properties.configuration.ingress.fqdn
