// Service Bus namespace and the session-enabled "telemetry" queue that carries telemetry from
// the ingestion worker to the processor. Sessions (one session id per machine) keep a
// machine's messages in order while competing consumers scale out across machines.
metadata description = 'Service Bus namespace with the telemetry queue and data-plane role assignments.'

import { tagsType, principalType, roleIds } from 'types.bicep'

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags tagsType

@description('Namespace name (6-50 characters, globally unique).')
@minLength(6)
@maxLength(50)
param namespaceName string

@description('Standard (shared capacity) or Premium (dedicated messaging units, zone redundant).')
@allowed([
  'Standard'
  'Premium'
])
param skuName string

@description('Messaging units for Premium (1, 2, 4, 8 or 16); ignored for Standard.')
@allowed([
  1
  2
  4
  8
  16
])
param premiumMessagingUnits int

@description('Disable SAS keys so only Microsoft Entra identities can connect.')
param disableLocalAuth bool

@description('Queue name; the apps read it from Queue__ServiceBus__QueueName.')
param queueName string

@description('Identities granted Azure Service Bus Data Sender on the queue.')
param senders principalType[]

@description('Identities granted Azure Service Bus Data Receiver on the queue.')
param receivers principalType[]

@description('Resource ID of the Log Analytics workspace for diagnostic settings.')
param workspaceId string

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuName
    capacity: skuName == 'Premium' ? premiumMessagingUnits : null
  }
  properties: {
    disableLocalAuth: disableLocalAuth
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2026-01-01' = {
  parent: namespace
  name: queueName
  properties: {
    requiresSession: true
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT10M'
    maxDeliveryCount: 10
    deadLetteringOnMessageExpiration: true
    lockDuration: 'PT1M'
    defaultMessageTimeToLive: 'P14D'
    enableBatchedOperations: true
  }
}

// Role assignments are scoped to the queue, not the namespace (least privilege).
resource senderAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for sender in senders: {
    name: guid(queue.id, sender.identityResourceId, roleIds.serviceBusDataSender)
    scope: queue
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.serviceBusDataSender)
      principalId: sender.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource receiverAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for receiver in receivers: {
    name: guid(queue.id, receiver.identityResourceId, roleIds.serviceBusDataReceiver)
    scope: queue
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.serviceBusDataReceiver)
      principalId: receiver.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

// See keyvault.bicep: 2021-05-01-preview is the newest diagnosticSettings API and the first with categoryGroup.
#disable-next-line use-recent-api-versions
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: namespace
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

// serviceBusEndpoint is https://<name>.<cloud suffix>:443/ : keep the host, whatever the cloud.
@description('Fully qualified namespace host name (Queue__ServiceBus__Namespace), e.g. name.servicebus.windows.net.')
output fqdn string = split(split(namespace.properties.serviceBusEndpoint, '/')[2], ':')[0]

@description('Namespace name.')
output name string = namespace.name
