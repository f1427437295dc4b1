/** The attribute categories of the MISP data model. */

/** The sixteen MISP attribute categories. */
export type Category =
  | 'Internal reference'
  | 'Targeting data'
  | 'Antivirus detection'
  | 'Payload delivery'
  | 'Artifacts dropped'
  | 'Payload installation'
  | 'Persistence mechanism'
  | 'Network activity'
  | 'Payload type'
  | 'Attribution'
  | 'External analysis'
  | 'Financial fraud'
  | 'Support Tool'
  | 'Social network'
  | 'Person'
  | 'Other';
