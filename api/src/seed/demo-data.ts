/** Small pools of realistic-looking demo values (all fictitious; IPs from documentation ranges). */
export const FIRST_NAMES = [
  'Jane',
  'John',
  'Maria',
  'Tom',
  'Aisha',
  'Liam',
  'Sofia',
  'Noah',
  'Emma',
  'Lucas',
  'Mia',
  'Ethan',
  'Chloe',
  'Omar',
  'Hannah',
  'Diego',
  'Yuki',
  'Priya',
  'Lena',
  'Marco',
  'Zoe',
  'Samuel',
  'Nina',
  'Ivan',
  'Grace',
]
export const LAST_NAMES = [
  'Doe',
  'Smith',
  'Lopez',
  'Baker',
  'Khan',
  'Murphy',
  'Rossi',
  'Nguyen',
  'Martin',
  'Silva',
  'Kim',
  'Brown',
  'Garcia',
  'Novak',
  'Schmidt',
  'Dubois',
  'Tanaka',
  'Patel',
  'Jensen',
  'Costa',
  'Walker',
  'Hughes',
  'Ali',
]
export const EMAIL_DOMAINS = [
  'gmail.com',
  'yahoo.com',
  'outlook.com',
  'icloud.com',
  'example.com',
  'proton.me',
]
export const FRAUD_DOMAINS = ['mailinator.com', 'guerrillamail.com', 'yopmail.com', 'tempmail.dev']
export const BINS = ['411111', '424242', '555555', '510510', '378282', '601100', '453201', '400005']

interface Place {
  city: string
  region: string
  postalCode: string
  phone: string
}

/** A few valid addresses per country (postal codes in the country's format). */
export const PLACES: Record<string, Place[]> = {
  US: [
    { city: 'New York', region: 'NY', postalCode: '10001', phone: '+1 212 555 0100' },
    { city: 'Austin', region: 'TX', postalCode: '73301', phone: '+1 512 555 0142' },
    { city: 'Seattle', region: 'WA', postalCode: '98101', phone: '+1 206 555 0188' },
    { city: 'Chicago', region: 'IL', postalCode: '60601', phone: '+1 312 555 0110' },
    { city: 'Miami', region: 'FL', postalCode: '33101', phone: '+1 305 555 0199' },
    { city: 'Denver', region: 'CO', postalCode: '80202', phone: '+1 303 555 0123' },
  ],
  CA: [
    { city: 'Toronto', region: 'ON', postalCode: 'M5V 2T6', phone: '+1 416 555 0134' },
    { city: 'Vancouver', region: 'BC', postalCode: 'V6B 1A1', phone: '+1 604 555 0177' },
  ],
  GB: [{ city: 'London', region: 'LND', postalCode: 'SW1A 1AA', phone: '+44 20 7946 0958' }],
  DE: [{ city: 'Berlin', region: 'BE', postalCode: '10115', phone: '+49 30 901820' }],
  FR: [{ city: 'Paris', region: 'IDF', postalCode: '75001', phone: '+33 1 42 68 53 00' }],
  NL: [{ city: 'Amsterdam', region: 'NH', postalCode: '1012 JS', phone: '+31 20 794 0000' }],
  MX: [{ city: 'Mexico City', region: 'CMX', postalCode: '06000', phone: '+52 55 5555 0123' }],
  NG: [{ city: 'Lagos', region: 'LA', postalCode: '100001', phone: '+234 1 555 0100' }],
}

export const STREETS = [
  'Main St',
  'Oak Ave',
  'Pine Rd',
  'Maple Dr',
  'Cedar Ln',
  'Elm St',
  'Lake View',
  'Hill Rd',
]
