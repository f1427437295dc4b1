import type { ObjectTemplate } from '../types.js';

/** MISP object template `geolocation` (misp-objects, version 8). */
export default {
  name: 'geolocation',
  uuid: 'cd6f2238-ba55-4888-82c4-104e6e1acf21',
  version: 8,
  metaCategory: 'misc',
  description: 'An object to describe a geographic location.',
  requiredOneOf: ['latitude', 'longitude', 'city', 'region', 'country', 'countrycode', 'epsg'],
  attributes: {
    'accuracy-radius': { types: ['float'], disableCorrelation: true },
    address: { types: ['text'] },
    altitude: { types: ['float'], disableCorrelation: true },
    city: { types: ['text'] },
    country: { types: ['text'] },
    countrycode: { types: ['text'] },
    epsg: { types: ['text'], disableCorrelation: true },
    'first-seen': { types: ['datetime'], disableCorrelation: true },
    'last-seen': { types: ['datetime'], disableCorrelation: true },
    latitude: { types: ['float'], disableCorrelation: true },
    longitude: { types: ['float'], disableCorrelation: true },
    neighborhood: { types: ['text'] },
    region: { types: ['text'] },
    'spacial-reference': {
      types: ['text'], disableCorrelation: true,
      valuesList: ['WGS84 EPSG:4326', 'Mercator EPSG:3857'],
    },
    text: { types: ['text'], disableCorrelation: true },
    zipcode: { types: ['text'] },
  },
} as const satisfies ObjectTemplate;
