/**
 * Real highway corridors of Australia (and New Zealand's State Highway 1) as coarse polylines
 * through real towns (approximate coordinates), and the points of interest along them:
 * ~2,000 fuel stations and ~500 service shops, placed deterministically from the seed.
 *
 * Every town on a corridor gets at least one fuel station within ~2 km, so a traveller parked
 * in a town always has a station nearby; REMOTE_PLACES are off-corridor localities more than
 * 80 km from every polyline, hence more than 50 km from every station.
 */
import type { fuelStations, serviceShops } from "../../src/db/pg/schema.ts";
import { Rng } from "./random.ts";

export type FuelStationRow = typeof fuelStations.$inferInsert;
export type ServiceShopRow = typeof serviceShops.$inferInsert;

export interface Town {
  name: string;
  lat: number;
  lng: number;
  /** 3 city or large regional centre, 2 town, 1 roadhouse or locality. */
  size: 1 | 2 | 3;
  state: string;
}

/** name → [lat, lng, size, state] */
const TOWNS: Record<string, [number, number, 1 | 2 | 3, string]> = {
  // New South Wales
  Sydney: [-33.87, 151.21, 3, "AU-NSW"],
  Hornsby: [-33.7, 151.1, 2, "AU-NSW"],
  Gosford: [-33.43, 151.34, 2, "AU-NSW"],
  Hexham: [-32.83, 151.68, 1, "AU-NSW"],
  "Raymond Terrace": [-32.76, 151.74, 2, "AU-NSW"],
  Bulahdelah: [-32.41, 152.21, 1, "AU-NSW"],
  Taree: [-31.9, 152.46, 2, "AU-NSW"],
  "Port Macquarie": [-31.43, 152.91, 2, "AU-NSW"],
  Kempsey: [-31.08, 152.84, 2, "AU-NSW"],
  Macksville: [-30.71, 152.92, 1, "AU-NSW"],
  "Coffs Harbour": [-30.3, 153.11, 2, "AU-NSW"],
  Grafton: [-29.69, 152.93, 2, "AU-NSW"],
  Ballina: [-28.87, 153.56, 2, "AU-NSW"],
  "Tweed Heads": [-28.18, 153.54, 2, "AU-NSW"],
  Liverpool: [-33.92, 150.92, 2, "AU-NSW"],
  Campbelltown: [-34.07, 150.82, 2, "AU-NSW"],
  Mittagong: [-34.45, 150.45, 2, "AU-NSW"],
  Goulburn: [-34.75, 149.72, 2, "AU-NSW"],
  Yass: [-34.84, 148.91, 2, "AU-NSW"],
  Gundagai: [-35.07, 148.11, 1, "AU-NSW"],
  Tarcutta: [-35.28, 147.74, 1, "AU-NSW"],
  Holbrook: [-35.72, 147.31, 1, "AU-NSW"],
  Albury: [-36.08, 146.92, 3, "AU-NSW"],
  Wollongong: [-34.42, 150.89, 3, "AU-NSW"],
  Nowra: [-34.88, 150.6, 2, "AU-NSW"],
  Ulladulla: [-35.36, 150.47, 2, "AU-NSW"],
  "Batemans Bay": [-35.71, 150.18, 2, "AU-NSW"],
  Narooma: [-36.22, 150.13, 1, "AU-NSW"],
  Bega: [-36.67, 149.84, 2, "AU-NSW"],
  Eden: [-37.06, 149.9, 1, "AU-NSW"],
  Tocumwal: [-35.81, 145.57, 1, "AU-NSW"],
  Jerilderie: [-35.36, 145.73, 1, "AU-NSW"],
  Narrandera: [-34.75, 146.55, 2, "AU-NSW"],
  "West Wyalong": [-33.92, 147.21, 2, "AU-NSW"],
  Forbes: [-33.38, 148.01, 2, "AU-NSW"],
  Parkes: [-33.14, 148.17, 2, "AU-NSW"],
  Dubbo: [-32.25, 148.6, 3, "AU-NSW"],
  Gilgandra: [-31.71, 148.66, 1, "AU-NSW"],
  Coonabarabran: [-31.27, 149.28, 2, "AU-NSW"],
  Narrabri: [-30.33, 149.78, 2, "AU-NSW"],
  Moree: [-29.47, 149.84, 2, "AU-NSW"],
  Nyngan: [-31.56, 147.19, 1, "AU-NSW"],
  Cobar: [-31.5, 145.84, 2, "AU-NSW"],
  Wilcannia: [-31.56, 143.38, 1, "AU-NSW"],
  "Broken Hill": [-31.95, 141.47, 2, "AU-NSW"],
  Bathurst: [-33.42, 149.58, 2, "AU-NSW"],
  Orange: [-33.28, 149.1, 2, "AU-NSW"],
  Wellington: [-32.56, 148.94, 1, "AU-NSW"],
  Narromine: [-32.23, 148.24, 1, "AU-NSW"],
  Nevertire: [-31.84, 147.72, 1, "AU-NSW"],
  Bourke: [-30.09, 145.94, 1, "AU-NSW"],
  Enngonia: [-29.32, 145.84, 1, "AU-NSW"],
  "Wagga Wagga": [-35.12, 147.37, 3, "AU-NSW"],
  Hay: [-34.51, 144.84, 1, "AU-NSW"],
  Balranald: [-34.64, 143.56, 1, "AU-NSW"],
  Euston: [-34.58, 142.75, 1, "AU-NSW"],
  Maitland: [-32.73, 151.55, 2, "AU-NSW"],
  Singleton: [-32.56, 151.17, 2, "AU-NSW"],
  Muswellbrook: [-32.26, 150.89, 2, "AU-NSW"],
  Scone: [-32.05, 150.87, 1, "AU-NSW"],
  Tamworth: [-31.09, 150.93, 3, "AU-NSW"],
  Armidale: [-30.51, 151.67, 2, "AU-NSW"],
  "Glen Innes": [-29.74, 151.74, 2, "AU-NSW"],
  Tenterfield: [-29.05, 152.02, 1, "AU-NSW"],
  // Victoria
  Melbourne: [-37.81, 144.96, 3, "AU-VIC"],
  Wodonga: [-36.12, 146.89, 2, "AU-VIC"],
  Wangaratta: [-36.36, 146.31, 2, "AU-VIC"],
  Benalla: [-36.55, 145.98, 2, "AU-VIC"],
  Euroa: [-36.75, 145.57, 1, "AU-VIC"],
  Seymour: [-37.03, 145.14, 2, "AU-VIC"],
  "Cann River": [-37.57, 149.15, 1, "AU-VIC"],
  Orbost: [-37.7, 148.46, 1, "AU-VIC"],
  Bairnsdale: [-37.83, 147.61, 2, "AU-VIC"],
  Sale: [-38.11, 147.07, 2, "AU-VIC"],
  Traralgon: [-38.2, 146.54, 2, "AU-VIC"],
  Warragul: [-38.16, 145.93, 2, "AU-VIC"],
  Geelong: [-38.15, 144.36, 3, "AU-VIC"],
  Colac: [-38.34, 143.58, 2, "AU-VIC"],
  Warrnambool: [-38.38, 142.48, 2, "AU-VIC"],
  Portland: [-38.34, 141.6, 2, "AU-VIC"],
  Ballarat: [-37.56, 143.85, 3, "AU-VIC"],
  Ararat: [-37.28, 142.93, 2, "AU-VIC"],
  Stawell: [-37.06, 142.78, 1, "AU-VIC"],
  Horsham: [-36.71, 142.2, 2, "AU-VIC"],
  Nhill: [-36.33, 141.65, 1, "AU-VIC"],
  Mildura: [-34.19, 142.16, 3, "AU-VIC"],
  // Queensland
  Brisbane: [-27.47, 153.03, 3, "AU-QLD"],
  "Gold Coast": [-27.97, 153.4, 3, "AU-QLD"],
  Caboolture: [-27.08, 152.95, 2, "AU-QLD"],
  Nambour: [-26.63, 152.96, 2, "AU-QLD"],
  Gympie: [-26.19, 152.67, 2, "AU-QLD"],
  Maryborough: [-25.54, 152.7, 2, "AU-QLD"],
  Childers: [-25.24, 152.28, 1, "AU-QLD"],
  "Gin Gin": [-24.99, 151.95, 1, "AU-QLD"],
  "Miriam Vale": [-24.33, 151.56, 1, "AU-QLD"],
  Rockhampton: [-23.38, 150.51, 3, "AU-QLD"],
  Marlborough: [-22.82, 149.89, 1, "AU-QLD"],
  Sarina: [-21.42, 149.22, 1, "AU-QLD"],
  Mackay: [-21.14, 149.19, 3, "AU-QLD"],
  Proserpine: [-20.4, 148.58, 2, "AU-QLD"],
  Bowen: [-20.01, 148.25, 2, "AU-QLD"],
  Ayr: [-19.57, 147.4, 2, "AU-QLD"],
  Townsville: [-19.26, 146.82, 3, "AU-QLD"],
  Ingham: [-18.65, 146.16, 2, "AU-QLD"],
  Cardwell: [-18.27, 146.03, 1, "AU-QLD"],
  Tully: [-17.93, 145.92, 1, "AU-QLD"],
  Innisfail: [-17.52, 146.03, 2, "AU-QLD"],
  Cairns: [-16.92, 145.77, 3, "AU-QLD"],
  Goondiwindi: [-28.55, 150.31, 2, "AU-QLD"],
  Cunnamulla: [-28.07, 145.68, 1, "AU-QLD"],
  Charleville: [-26.4, 146.24, 2, "AU-QLD"],
  Augathella: [-25.8, 146.58, 1, "AU-QLD"],
  Ipswich: [-27.61, 152.76, 3, "AU-QLD"],
  Toowoomba: [-27.56, 151.95, 3, "AU-QLD"],
  Dalby: [-27.18, 151.26, 2, "AU-QLD"],
  Chinchilla: [-26.74, 150.63, 2, "AU-QLD"],
  Miles: [-26.66, 150.18, 1, "AU-QLD"],
  Roma: [-26.57, 148.79, 2, "AU-QLD"],
  Mitchell: [-26.49, 147.98, 1, "AU-QLD"],
  Morven: [-26.42, 147.11, 1, "AU-QLD"],
  Tambo: [-24.88, 146.26, 1, "AU-QLD"],
  Blackall: [-24.42, 145.47, 1, "AU-QLD"],
  Barcaldine: [-23.55, 145.29, 1, "AU-QLD"],
  Longreach: [-23.44, 144.25, 2, "AU-QLD"],
  Winton: [-22.39, 143.04, 1, "AU-QLD"],
  Kynuna: [-21.58, 141.92, 1, "AU-QLD"],
  McKinlay: [-21.27, 141.29, 1, "AU-QLD"],
  Cloncurry: [-20.71, 140.51, 2, "AU-QLD"],
  "Mount Isa": [-20.73, 139.49, 3, "AU-QLD"],
  Camooweal: [-19.92, 138.12, 1, "AU-QLD"],
  "Charters Towers": [-20.08, 146.26, 2, "AU-QLD"],
  Pentland: [-20.52, 145.4, 1, "AU-QLD"],
  Hughenden: [-20.84, 144.2, 1, "AU-QLD"],
  Richmond: [-20.73, 143.14, 1, "AU-QLD"],
  "Julia Creek": [-20.66, 141.75, 1, "AU-QLD"],
  Emerald: [-23.53, 148.16, 2, "AU-QLD"],
  Alpha: [-23.65, 146.64, 1, "AU-QLD"],
  Stanthorpe: [-28.65, 151.93, 2, "AU-QLD"],
  Warwick: [-28.22, 152.03, 2, "AU-QLD"],
  // South Australia
  Adelaide: [-34.93, 138.6, 3, "AU-SA"],
  "Port Augusta": [-32.49, 137.77, 2, "AU-SA"],
  Pimba: [-31.25, 136.8, 1, "AU-SA"],
  Glendambo: [-30.97, 135.75, 1, "AU-SA"],
  "Coober Pedy": [-29.01, 134.75, 2, "AU-SA"],
  Marla: [-27.3, 133.62, 1, "AU-SA"],
  Kimba: [-33.14, 136.42, 1, "AU-SA"],
  Wudinna: [-32.99, 135.46, 1, "AU-SA"],
  Ceduna: [-32.13, 133.68, 2, "AU-SA"],
  Penong: [-31.93, 133.01, 1, "AU-SA"],
  "Nullarbor Roadhouse": [-31.45, 130.9, 1, "AU-SA"],
  "Border Village": [-31.64, 129.0, 1, "AU-SA"],
  "Mount Gambier": [-37.83, 140.78, 3, "AU-SA"],
  Millicent: [-37.6, 140.35, 1, "AU-SA"],
  Kingston: [-36.83, 139.85, 1, "AU-SA"],
  Meningie: [-35.69, 139.34, 1, "AU-SA"],
  "Tailem Bend": [-35.25, 139.45, 1, "AU-SA"],
  "Murray Bridge": [-35.12, 139.27, 2, "AU-SA"],
  Cockburn: [-32.07, 141.0, 1, "AU-SA"],
  Yunta: [-32.58, 139.56, 1, "AU-SA"],
  Burra: [-33.68, 138.93, 1, "AU-SA"],
  Gawler: [-34.6, 138.74, 2, "AU-SA"],
  Renmark: [-34.17, 140.75, 2, "AU-SA"],
  Barmera: [-34.25, 140.46, 1, "AU-SA"],
  Waikerie: [-34.18, 139.98, 1, "AU-SA"],
  Blanchetown: [-34.35, 139.61, 1, "AU-SA"],
  Nuriootpa: [-34.47, 139.0, 2, "AU-SA"],
  Bordertown: [-36.31, 140.77, 1, "AU-SA"],
  Keith: [-36.1, 140.35, 1, "AU-SA"],
  // Western Australia
  Perth: [-31.95, 115.86, 3, "AU-WA"],
  Midland: [-31.89, 116.01, 2, "AU-WA"],
  Eucla: [-31.68, 128.88, 1, "AU-WA"],
  Madura: [-31.9, 127.02, 1, "AU-WA"],
  Cocklebiddy: [-32.04, 126.1, 1, "AU-WA"],
  Caiguna: [-32.27, 125.49, 1, "AU-WA"],
  Balladonia: [-32.46, 123.86, 1, "AU-WA"],
  Norseman: [-32.2, 121.78, 1, "AU-WA"],
  Northam: [-31.65, 116.67, 2, "AU-WA"],
  Merredin: [-31.48, 118.28, 2, "AU-WA"],
  "Southern Cross": [-31.23, 119.33, 1, "AU-WA"],
  Coolgardie: [-30.95, 121.17, 1, "AU-WA"],
  Kalgoorlie: [-30.75, 121.47, 3, "AU-WA"],
  Kambalda: [-31.2, 121.66, 1, "AU-WA"],
  "Salmon Gums": [-32.98, 121.64, 1, "AU-WA"],
  Esperance: [-33.86, 121.89, 2, "AU-WA"],
  Bindoon: [-31.39, 116.1, 1, "AU-WA"],
  Dalwallinu: [-30.28, 116.66, 1, "AU-WA"],
  "Paynes Find": [-29.26, 117.68, 1, "AU-WA"],
  "Mount Magnet": [-28.06, 117.85, 1, "AU-WA"],
  Cue: [-27.42, 117.9, 1, "AU-WA"],
  Meekatharra: [-26.59, 118.5, 1, "AU-WA"],
  Kumarina: [-24.71, 119.61, 1, "AU-WA"],
  Newman: [-23.36, 119.73, 2, "AU-WA"],
  Munjina: [-22.38, 118.69, 1, "AU-WA"],
  "Port Hedland": [-20.31, 118.61, 2, "AU-WA"],
  Sandfire: [-19.77, 121.09, 1, "AU-WA"],
  Roebuck: [-17.93, 122.49, 1, "AU-WA"],
  Willare: [-17.72, 123.65, 1, "AU-WA"],
  "Fitzroy Crossing": [-18.19, 125.59, 1, "AU-WA"],
  "Halls Creek": [-18.23, 127.67, 1, "AU-WA"],
  Warmun: [-17.02, 128.22, 1, "AU-WA"],
  Kununurra: [-15.77, 128.74, 2, "AU-WA"],
  Muchea: [-31.58, 115.99, 1, "AU-WA"],
  Cataby: [-30.74, 115.54, 1, "AU-WA"],
  Eneabba: [-29.82, 115.27, 1, "AU-WA"],
  Dongara: [-29.25, 114.93, 1, "AU-WA"],
  Geraldton: [-28.78, 114.61, 3, "AU-WA"],
  Northampton: [-28.35, 114.63, 1, "AU-WA"],
  Overlander: [-26.4, 114.47, 1, "AU-WA"],
  Carnarvon: [-24.88, 113.66, 2, "AU-WA"],
  Minilya: [-23.81, 114.01, 1, "AU-WA"],
  Nanutarra: [-22.54, 115.5, 1, "AU-WA"],
  Karratha: [-20.74, 116.85, 2, "AU-WA"],
  Roebourne: [-20.78, 117.15, 1, "AU-WA"],
  Armadale: [-32.15, 116.01, 2, "AU-WA"],
  Williams: [-33.02, 116.88, 1, "AU-WA"],
  Kojonup: [-33.83, 117.16, 1, "AU-WA"],
  "Mount Barker": [-34.63, 117.67, 1, "AU-WA"],
  Albany: [-35.02, 117.88, 2, "AU-WA"],
  // Northern Territory
  Darwin: [-12.46, 130.84, 3, "AU-NT"],
  Katherine: [-14.47, 132.26, 2, "AU-NT"],
  Mataranka: [-14.92, 133.07, 1, "AU-NT"],
  "Daly Waters": [-16.25, 133.37, 1, "AU-NT"],
  Elliott: [-17.55, 133.54, 1, "AU-NT"],
  "Renner Springs": [-18.32, 133.8, 1, "AU-NT"],
  "Tennant Creek": [-19.65, 134.19, 2, "AU-NT"],
  Wauchope: [-20.64, 134.22, 1, "AU-NT"],
  "Barrow Creek": [-21.53, 133.89, 1, "AU-NT"],
  "Ti Tree": [-22.13, 133.42, 1, "AU-NT"],
  "Alice Springs": [-23.7, 133.88, 3, "AU-NT"],
  Erldunda: [-25.2, 133.2, 1, "AU-NT"],
  Kulgera: [-25.84, 133.3, 1, "AU-NT"],
  "Victoria River": [-15.61, 131.13, 1, "AU-NT"],
  "Timber Creek": [-15.66, 130.48, 1, "AU-NT"],
  "Barkly Homestead": [-19.71, 135.83, 1, "AU-NT"],
  "Three Ways": [-19.43, 134.21, 1, "AU-NT"],
  // Tasmania
  Hobart: [-42.88, 147.33, 3, "AU-TAS"],
  Oatlands: [-42.3, 147.37, 1, "AU-TAS"],
  Ross: [-42.03, 147.49, 1, "AU-TAS"],
  "Campbell Town": [-41.93, 147.49, 1, "AU-TAS"],
  Launceston: [-41.44, 147.14, 3, "AU-TAS"],
  Deloraine: [-41.52, 146.66, 1, "AU-TAS"],
  Devonport: [-41.18, 146.35, 2, "AU-TAS"],
  Burnie: [-41.05, 145.91, 2, "AU-TAS"],
  // New Zealand
  Auckland: [-36.85, 174.76, 3, "NZ"],
  Hamilton: [-37.79, 175.28, 3, "NZ"],
  Taupo: [-38.69, 176.07, 2, "NZ"],
  Waiouru: [-39.48, 175.67, 1, "NZ"],
  Bulls: [-40.17, 175.38, 1, "NZ"],
  Levin: [-40.62, 175.29, 2, "NZ"],
  "Wellington NZ": [-41.29, 174.78, 3, "NZ"],
  Picton: [-41.29, 174.0, 1, "NZ"],
  Blenheim: [-41.51, 173.96, 2, "NZ"],
  Kaikoura: [-42.4, 173.68, 1, "NZ"],
  Christchurch: [-43.53, 172.64, 3, "NZ"],
  Ashburton: [-43.9, 171.75, 2, "NZ"],
  Timaru: [-44.4, 171.25, 2, "NZ"],
  Oamaru: [-45.1, 170.97, 2, "NZ"],
  Dunedin: [-45.87, 170.5, 3, "NZ"],
  Invercargill: [-46.41, 168.35, 2, "NZ"],
};

/** highway name → town names in driving order. */
const CORRIDOR_TOWNS: Record<string, string[]> = {
  "Pacific Highway": [
    "Hornsby",
    "Gosford",
    "Hexham",
    "Raymond Terrace",
    "Bulahdelah",
    "Taree",
    "Port Macquarie",
    "Kempsey",
    "Macksville",
    "Coffs Harbour",
    "Grafton",
    "Ballina",
    "Tweed Heads",
    "Gold Coast",
    "Brisbane",
  ],
  "Hume Highway": [
    "Sydney",
    "Liverpool",
    "Campbelltown",
    "Mittagong",
    "Goulburn",
    "Yass",
    "Gundagai",
    "Tarcutta",
    "Holbrook",
    "Albury",
    "Wodonga",
    "Wangaratta",
    "Benalla",
    "Euroa",
    "Seymour",
    "Melbourne",
  ],
  "Bruce Highway": [
    "Brisbane",
    "Caboolture",
    "Nambour",
    "Gympie",
    "Maryborough",
    "Childers",
    "Gin Gin",
    "Miriam Vale",
    "Rockhampton",
    "Marlborough",
    "Sarina",
    "Mackay",
    "Proserpine",
    "Bowen",
    "Ayr",
    "Townsville",
    "Ingham",
    "Cardwell",
    "Tully",
    "Innisfail",
    "Cairns",
  ],
  "Princes Highway": [
    "Sydney",
    "Wollongong",
    "Nowra",
    "Ulladulla",
    "Batemans Bay",
    "Narooma",
    "Bega",
    "Eden",
    "Cann River",
    "Orbost",
    "Bairnsdale",
    "Sale",
    "Traralgon",
    "Warragul",
    "Melbourne",
    "Geelong",
    "Colac",
    "Warrnambool",
    "Portland",
    "Mount Gambier",
    "Millicent",
    "Kingston",
    "Meningie",
    "Tailem Bend",
    "Murray Bridge",
    "Adelaide",
  ],
  "Stuart Highway": [
    "Darwin",
    "Katherine",
    "Mataranka",
    "Daly Waters",
    "Elliott",
    "Renner Springs",
    "Tennant Creek",
    "Wauchope",
    "Barrow Creek",
    "Ti Tree",
    "Alice Springs",
    "Erldunda",
    "Kulgera",
    "Marla",
    "Coober Pedy",
    "Glendambo",
    "Pimba",
    "Port Augusta",
  ],
  "Eyre Highway": [
    "Port Augusta",
    "Kimba",
    "Wudinna",
    "Ceduna",
    "Penong",
    "Nullarbor Roadhouse",
    "Border Village",
    "Eucla",
    "Madura",
    "Cocklebiddy",
    "Caiguna",
    "Balladonia",
    "Norseman",
  ],
  "Great Eastern Highway": ["Midland", "Northam", "Merredin", "Southern Cross", "Coolgardie", "Kalgoorlie"],
  "Coolgardie-Esperance Highway": ["Coolgardie", "Kambalda", "Norseman", "Salmon Gums", "Esperance"],
  "Great Northern Highway": [
    "Midland",
    "Bindoon",
    "Dalwallinu",
    "Paynes Find",
    "Mount Magnet",
    "Cue",
    "Meekatharra",
    "Kumarina",
    "Newman",
    "Munjina",
    "Port Hedland",
    "Sandfire",
    "Roebuck",
    "Willare",
    "Fitzroy Crossing",
    "Halls Creek",
    "Warmun",
    "Kununurra",
  ],
  "Victoria Highway": ["Katherine", "Victoria River", "Timber Creek", "Kununurra"],
  "Newell Highway": [
    "Tocumwal",
    "Jerilderie",
    "Narrandera",
    "West Wyalong",
    "Forbes",
    "Parkes",
    "Dubbo",
    "Gilgandra",
    "Coonabarabran",
    "Narrabri",
    "Moree",
    "Goondiwindi",
  ],
  "Barrier Highway": ["Nyngan", "Cobar", "Wilcannia", "Broken Hill", "Cockburn", "Yunta", "Burra", "Gawler"],
  "Mitchell Highway": [
    "Bathurst",
    "Orange",
    "Wellington",
    "Dubbo",
    "Narromine",
    "Nevertire",
    "Nyngan",
    "Bourke",
    "Enngonia",
    "Cunnamulla",
    "Charleville",
    "Augathella",
  ],
  "Warrego Highway": [
    "Brisbane",
    "Ipswich",
    "Toowoomba",
    "Dalby",
    "Chinchilla",
    "Miles",
    "Roma",
    "Mitchell",
    "Morven",
    "Charleville",
  ],
  "Sturt Highway": [
    "Gundagai",
    "Wagga Wagga",
    "Narrandera",
    "Hay",
    "Balranald",
    "Euston",
    "Mildura",
    "Renmark",
    "Barmera",
    "Waikerie",
    "Blanchetown",
    "Nuriootpa",
    "Gawler",
  ],
  "Landsborough Highway": [
    "Morven",
    "Augathella",
    "Tambo",
    "Blackall",
    "Barcaldine",
    "Longreach",
    "Winton",
    "Kynuna",
    "McKinlay",
    "Cloncurry",
  ],
  "Barkly Highway": ["Cloncurry", "Mount Isa", "Camooweal", "Barkly Homestead", "Three Ways"],
  "Flinders Highway": [
    "Townsville",
    "Charters Towers",
    "Pentland",
    "Hughenden",
    "Richmond",
    "Julia Creek",
    "Cloncurry",
  ],
  "Capricorn Highway": ["Rockhampton", "Emerald", "Alpha", "Barcaldine"],
  "New England Highway": [
    "Hexham",
    "Maitland",
    "Singleton",
    "Muswellbrook",
    "Scone",
    "Tamworth",
    "Armidale",
    "Glen Innes",
    "Tenterfield",
    "Stanthorpe",
    "Warwick",
    "Toowoomba",
  ],
  "Western Highway": [
    "Melbourne",
    "Ballarat",
    "Ararat",
    "Stawell",
    "Horsham",
    "Nhill",
    "Bordertown",
    "Keith",
    "Tailem Bend",
  ],
  "Brand and North West Coastal Highway": [
    "Perth",
    "Muchea",
    "Cataby",
    "Eneabba",
    "Dongara",
    "Geraldton",
    "Northampton",
    "Overlander",
    "Carnarvon",
    "Minilya",
    "Nanutarra",
    "Karratha",
    "Roebourne",
    "Port Hedland",
  ],
  "Albany Highway": ["Perth", "Armadale", "Williams", "Kojonup", "Mount Barker", "Albany"],
  "Midland and Bass Highway": [
    "Hobart",
    "Oatlands",
    "Ross",
    "Campbell Town",
    "Launceston",
    "Deloraine",
    "Devonport",
    "Burnie",
  ],
  "State Highway 1 (North Island)": [
    "Auckland",
    "Hamilton",
    "Taupo",
    "Waiouru",
    "Bulls",
    "Levin",
    "Wellington NZ",
  ],
  "State Highway 1 (South Island)": [
    "Picton",
    "Blenheim",
    "Kaikoura",
    "Christchurch",
    "Ashburton",
    "Timaru",
    "Oamaru",
    "Dunedin",
    "Invercargill",
  ],
};

/**
 * Off-corridor localities, each more than 80 km from every corridor polyline (checked by the
 * seed tests against the generated stations): a traveller here has no station within 50 km.
 */
export const REMOTE_PLACES: readonly Town[] = [
  { name: "Birdsville", lat: -25.9, lng: 139.35, size: 1, state: "AU-QLD" },
  { name: "Innamincka", lat: -27.75, lng: 140.74, size: 1, state: "AU-SA" },
  { name: "Oodnadatta", lat: -27.55, lng: 135.45, size: 1, state: "AU-SA" },
  { name: "William Creek", lat: -28.91, lng: 136.34, size: 1, state: "AU-SA" },
  { name: "Simpson Desert", lat: -25.0, lng: 137.5, size: 1, state: "AU-NT" },
  { name: "Tanami Track", lat: -20.0, lng: 130.0, size: 1, state: "AU-NT" },
  { name: "Great Sandy Desert", lat: -21.0, lng: 124.0, size: 1, state: "AU-WA" },
  { name: "Gibson Desert", lat: -24.5, lng: 126.0, size: 1, state: "AU-WA" },
  { name: "Mount Barnett (Gibb River Road)", lat: -16.6, lng: 125.9, size: 1, state: "AU-WA" },
  { name: "Burketown", lat: -17.74, lng: 139.55, size: 1, state: "AU-QLD" },
  { name: "Coen", lat: -13.94, lng: 143.2, size: 1, state: "AU-QLD" },
  { name: "Nhulunbuy", lat: -12.18, lng: 136.78, size: 1, state: "AU-NT" },
  { name: "Jervois (Plenty Highway)", lat: -22.65, lng: 136.12, size: 1, state: "AU-NT" },
];

export interface Corridor {
  highway: string;
  towns: Town[];
  /** Cumulative great-circle distance (km) at each town; last entry is the length. */
  km: number[];
  lengthKm: number;
  country: "AU" | "NZ";
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle (haversine) distance in km. */
export function distanceKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLng = (lng2 - lng1) * toRad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

function town(name: string): Town {
  const t = TOWNS[name];
  if (!t) throw new Error(`unknown town ${name}`);
  return { name: name.replace(/ NZ$/, ""), lat: t[0], lng: t[1], size: t[2], state: t[3] };
}

export const CORRIDORS: readonly Corridor[] = Object.entries(CORRIDOR_TOWNS).map(([highway, names]) => {
  const towns = names.map(town);
  const km = [0];
  for (let i = 1; i < towns.length; i++) {
    const a = towns[i - 1]!;
    const b = towns[i]!;
    km.push(km[i - 1]! + distanceKm(a.lat, a.lng, b.lat, b.lng));
  }
  return {
    highway,
    towns,
    km,
    lengthKm: km[km.length - 1]!,
    country: towns[0]!.state === "NZ" ? "NZ" : "AU",
  };
});

export const AU_CORRIDORS = CORRIDORS.filter((c) => c.country === "AU");
export const NZ_CORRIDORS = CORRIDORS.filter((c) => c.country === "NZ");

/** Every town once (towns shared by corridors are listed once). */
export const ALL_TOWNS: readonly Town[] = Object.keys(TOWNS).map(town);

export interface CorridorPoint {
  lat: number;
  lng: number;
  /** The town at or before this point (for names). */
  near: Town;
}

/** The point `s` km along the corridor (linear between towns; clamped to its ends). */
export function pointAlong(corridor: Corridor, s: number): CorridorPoint {
  const { towns, km } = corridor;
  if (s <= 0) return { lat: towns[0]!.lat, lng: towns[0]!.lng, near: towns[0]! };
  for (let i = 1; i < towns.length; i++) {
    if (s <= km[i]!) {
      const a = towns[i - 1]!;
      const b = towns[i]!;
      const f = (s - km[i - 1]!) / (km[i]! - km[i - 1]!);
      return { lat: a.lat + (b.lat - a.lat) * f, lng: a.lng + (b.lng - a.lng) * f, near: f < 0.5 ? a : b };
    }
  }
  const last = towns[towns.length - 1]!;
  return { lat: last.lat, lng: last.lng, near: last };
}

/** Folds any distance into [0, length] by bouncing off the ends, like a traveller turning back. */
export function bounce(corridor: Corridor, s: number): number {
  const len = corridor.lengthKm;
  const period = 2 * len;
  const m = ((s % period) + period) % period;
  return m <= len ? m : period - m;
}

/** Distance (km) from a point to the nearest corridor polyline (flat approximation per segment). */
export function distanceToCorridorsKm(lat: number, lng: number, corridors: readonly Corridor[] = CORRIDORS): number {
  let best = Number.POSITIVE_INFINITY;
  const kx = 111.32 * Math.cos((lat * Math.PI) / 180);
  const ky = 110.57;
  for (const c of corridors) {
    for (let i = 1; i < c.towns.length; i++) {
      const a = c.towns[i - 1]!;
      const b = c.towns[i]!;
      const ax = (a.lng - lng) * kx;
      const ay = (a.lat - lat) * ky;
      const bx = (b.lng - lng) * kx;
      const by = (b.lat - lat) * ky;
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
      const d = Math.hypot(ax + t * dx, ay + t * dy);
      if (d < best) best = d;
    }
  }
  return best;
}

const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/** Offsets a point by up to `km` in a random direction. */
export function jitter(rng: Rng, lat: number, lng: number, km: number): { lat: number; lng: number } {
  const r = km * Math.sqrt(rng.next());
  const theta = rng.float(0, 2 * Math.PI);
  const dLat = (r * Math.cos(theta)) / 110.57;
  const dLng = (r * Math.sin(theta)) / (111.32 * Math.cos((lat * Math.PI) / 180));
  return { lat: round5(lat + dLat), lng: round5(lng + dLng) };
}

// ─── points of interest ────────────────────────────────────────────────────────────────

export const FUEL_STATION_COUNT = 2000;
export const SERVICE_SHOP_COUNT = 500;

const AU_BRANDS: readonly (readonly [string, number])[] = [
  ["Ampol", 22],
  ["BP", 22],
  ["Shell", 14],
  ["Caltex", 8],
  ["United", 8],
  ["Puma", 6],
  ["Liberty", 6],
  ["7-Eleven", 6],
  ["Mobil", 4],
  ["Metro", 2],
  ["Independent", 10],
];
const NZ_BRANDS: readonly (readonly [string, number])[] = [
  ["Z", 30],
  ["BP", 25],
  ["Mobil", 20],
  ["Gull", 15],
  ["Waitomo", 10],
];
const STATION_NAME_FORMS = ["{brand} {town}", "{town} Roadhouse", "{brand} {town} Travel Centre", "{town} Fuel & Food"];
const ROADHOUSE_NAME_FORMS = ["{town} Roadhouse", "{brand} Truck Stop {town}", "{highway} Roadhouse ({town})"];
const SHOP_NAME_FORMS = [
  "{town} Auto & RV Service",
  "{town} Diesel & Mechanical",
  "{town} Caravan Repairs",
  "{town} Tyre & Service Centre",
  "{town} 4WD & Auto Electrics",
  "Outback Mechanical {town}",
];
const SHOP_SERVICES = ["mechanical", "tyres", "auto_electrical", "rv", "gas_fitting", "towing", "diesel"];

const fill = (form: string, v: Record<string, string>) => form.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? "");

/** Fictional phone numbers (Australia: the 5550 xxxx range reserved for drama and examples). */
function shopPhone(rng: Rng, state: string): string {
  if (state === "NZ") return `+64 3 555 ${rng.int(1000, 9999)}`;
  const area: Record<string, string> = { "AU-NSW": "2", "AU-VIC": "3", "AU-TAS": "3", "AU-QLD": "7" };
  return `+61 ${area[state] ?? "8"} 5550 ${rng.int(1000, 9999)}`;
}

function townWeights(): (readonly [Town, number])[] {
  return ALL_TOWNS.map((t) => [t, t.size === 3 ? 12 : t.size === 2 ? 4 : 1] as const);
}

function highwayOf(t: Town): string {
  return CORRIDORS.find((c) => c.towns.some((x) => x.name === t.name))?.highway ?? "";
}

/**
 * The fuel stations: one per town first (so every town has a station), then the rest split
 * between towns (by size) and roadhouses along the corridors (by length).
 */
export function generateFuelStations(seed: number, count = FUEL_STATION_COUNT): FuelStationRow[] {
  const rng = Rng.for(seed, "fuel-stations");
  const weights = townWeights();
  const totalKm = CORRIDORS.reduce((s, c) => s + c.lengthKm, 0);
  const corridorWeights = CORRIDORS.map((c) => [c, c.lengthKm / totalKm] as const);
  const rows: FuelStationRow[] = [];
  const station = (t: Town, at: { lat: number; lng: number }, roadhouse: boolean, highway: string) => {
    const brand = rng.weighted(t.state === "NZ" ? NZ_BRANDS : AU_BRANDS);
    const form = rng.pick(roadhouse ? ROADHOUSE_NAME_FORMS : STATION_NAME_FORMS);
    rows.push({
      id: rng.uuid(),
      name: fill(form, { brand, town: t.name, highway: highway.replace(/ Highway.*$/, "") }),
      brand,
      lat: at.lat,
      lng: at.lng,
      town: t.name,
      state: t.state,
      highway,
      hasDiesel: rng.chance(0.97),
      open24h: rng.chance(t.size === 3 ? 0.5 : 0.2),
    });
  };
  for (const t of ALL_TOWNS) {
    if (rows.length >= count) break;
    station(t, jitter(rng, t.lat, t.lng, 2), false, highwayOf(t));
  }
  while (rows.length < count) {
    if (rng.chance(0.55)) {
      const t = rng.weighted(weights);
      station(t, jitter(rng, t.lat, t.lng, 4), false, highwayOf(t));
    } else {
      const c = rng.weighted(corridorWeights);
      const p = pointAlong(c, rng.float(0, c.lengthKm));
      station(p.near, jitter(rng, p.lat, p.lng, 1), true, c.highway);
    }
  }
  return rows;
}

/** Service shops in towns, bigger towns more likely; names and fictional phone numbers. */
export function generateServiceShops(seed: number, count = SERVICE_SHOP_COUNT): ServiceShopRow[] {
  const rng = Rng.for(seed, "service-shops");
  const weights = townWeights();
  const rows: ServiceShopRow[] = [];
  while (rows.length < count) {
    const t = rng.weighted(weights);
    const at = jitter(rng, t.lat, t.lng, 4);
    const services = rng.sample(SHOP_SERVICES, rng.int(1, 4));
    if (!services.includes("mechanical")) services.unshift("mechanical");
    rows.push({
      id: rng.uuid(),
      name: fill(rng.pick(SHOP_NAME_FORMS), { town: t.name }),
      lat: at.lat,
      lng: at.lng,
      phone: shopPhone(rng, t.state),
      town: t.name,
      state: t.state,
      highway: highwayOf(t),
      services,
      rvSpecialist: services.includes("rv"),
    });
  }
  return rows;
}
