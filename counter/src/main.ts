import { mount } from 'svelte';
import Placeholder from '@ui/Placeholder.svelte';

mount(Placeholder, { target: document.getElementById('app')!, props: { titleVi: 'Quầy giao dịch', titleEn: 'Counter console', kind: 'staff' } });
