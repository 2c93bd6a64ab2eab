/** An agent as the booking steps list them (to choose who takes a session or a time). */
export interface Person {
  id: string;
  firstName: string;
  lastName: string;
  serviceIds: string[];
}
