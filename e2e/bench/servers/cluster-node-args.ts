// What a cluster node under test is started with: the settings every bench server takes, and its Redis.

import { readServerArgs, type ServerArgs } from './server-control.ts';

export interface ClusterNodeArgs extends ServerArgs {
  redisUrl: string;
}

export function readClusterNodeArgs(): ClusterNodeArgs {
  const args = readServerArgs() as Partial<ClusterNodeArgs> & ServerArgs;
  if (typeof args.redisUrl !== 'string')
    throw new Error('a cluster node needs {"redisUrl": "redis://..."} in its settings');
  return { ...args, redisUrl: args.redisUrl };
}
