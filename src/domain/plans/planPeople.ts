import type { PanelMember } from '../calendars/freeTimes';
import { InterviewLoadBook, LOAD_SPAN_AFTER_MS, LOAD_SPAN_BEFORE_MS, historyOf } from './poolPick';

const DAY_MS = 86_400_000;

/**
 * One person named in a plan (directly or in a pool): what the free-time rules look at, and the
 * history the fair pick weighs.
 */
export interface PlanPerson extends PanelMember {
  /**
   * The start of their latest interview before the earliest of `interviews`, if any: breaks ties
   * in the pick between people with no interview in the span loaded.
   */
  interviewedBefore?: Date | null;
}

/**
 * The span whose interviews to load for the people of a plan searched over `from`..`to`: the
 * free-time rules need the day either side, the fair pick 3.5 days either side.
 */
export function planInterviewSpan(from: Date, to: Date): { from: Date; to: Date } {
  return {
    from: new Date(from.getTime() - Math.max(DAY_MS, LOAD_SPAN_BEFORE_MS)),
    to: new Date(to.getTime() + Math.max(DAY_MS, LOAD_SPAN_AFTER_MS)),
  };
}

/** The people by name, each with their load book; throws when a named person is missing (a wiring mistake, not bad input). */
export class PlanPeople {
  private readonly byName = new Map<string, PlanPerson>();
  private readonly books = new Map<string, InterviewLoadBook>();

  constructor(people: readonly PlanPerson[]) {
    for (const person of people) this.byName.set(person.interviewer, person);
  }

  get(interviewer: string): PlanPerson {
    const person = this.byName.get(interviewer);
    if (!person) throw new Error(`${interviewer} is named in the plan but missing from its people`);
    return person;
  }

  loadAt(interviewer: string, instant: number) {
    let book = this.books.get(interviewer);
    if (!book) {
      const person = this.get(interviewer);
      book = new InterviewLoadBook(interviewer, historyOf(person.interviews, person.interviewedBefore));
      this.books.set(interviewer, book);
    }
    return book.loadAt(instant);
  }
}
