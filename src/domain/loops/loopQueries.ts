import type { EntityManager } from 'typeorm';
import type { DomainContext } from '../shared/domainContext';
import { LoopNotFoundError } from '../shared/errors';
import { Interview } from '../interviews/Interview';
import { isInterviewId } from '../interviews/interviewChanges';
import { Loop } from './Loop';
import type { LoopWithSessions } from './scheduleLoop';

/** A loop's sessions, in the order they happen. */
export function findLoopSessions(manager: EntityManager, loopId: string): Promise<Interview[]> {
  return manager.find(Interview, { where: { loopId }, order: { scheduledTime: 'ASC', id: 'ASC' } });
}

/** GET /api/loops/:id: the loop and its sessions; LoopNotFoundError for an id that names none. */
export async function findLoopById(context: DomainContext, id: string): Promise<LoopWithSessions> {
  if (!isInterviewId(id)) throw new LoopNotFoundError();
  return context.database.read(async (manager) => {
    const loop = await manager.findOneBy(Loop, { id: id.toLowerCase() });
    if (!loop) throw new LoopNotFoundError();
    return { loop, sessions: await findLoopSessions(manager, loop.id) };
  });
}
